package conformance

// Query tracing and client warnings through gocql. Query.Trace(tracer) sets the TRACING flag and hands
// the tracer the session id of the response; gocql's own NewTraceWriter then reads system_traces.sessions
// (coordinator, duration) and system_traces.events (event_id, activity, source, source_elapsed) on the
// control connection at once, as it does against Cassandra. Iter.Warnings() returns the response's
// warnings. On three nodes (RF 3) the events come from every replica the request reached.

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocql/gocql"
)

// idTracer records the session ids gocql hands it.
type idTracer struct {
	mu  sync.Mutex
	ids [][]byte
}

func (r *idTracer) Trace(traceID []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ids = append(r.ids, append([]byte(nil), traceID...))
}

func (r *idTracer) last(t *testing.T) gocql.UUID {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.ids) == 0 {
		t.Fatalf("gocql called no tracer: the response named no tracing session")
	}
	id, err := gocql.UUIDFromBytes(r.ids[len(r.ids)-1])
	if err != nil {
		t.Fatalf("tracing id %x: %v", r.ids[len(r.ids)-1], err)
	}
	return id
}

type traceEvent struct {
	activity string
	source   string
	elapsed  int
	thread   string
}

// traceEvents reads a session's events, polling until `sources` nodes wrote theirs (they are written
// asynchronously, as by Cassandra).
func traceEvents(t *testing.T, session *gocql.Session, id gocql.UUID, sources int) []traceEvent {
	t.Helper()
	var events []traceEvent
	deadline := time.Now().Add(5 * time.Second)
	for {
		events = nil
		seen := map[string]bool{}
		iter := session.Query("SELECT activity, source, source_elapsed, thread FROM system_traces.events WHERE session_id = ?", id).Iter()
		var e traceEvent
		for iter.Scan(&e.activity, &e.source, &e.elapsed, &e.thread) {
			events = append(events, e)
			seen[e.source] = true
		}
		if err := iter.Close(); err != nil {
			t.Fatalf("reading system_traces.events: %s", describeErr(err))
		}
		if len(seen) >= sources || time.Now().After(deadline) {
			return events
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var traceHeader = regexp.MustCompile(`^Tracing session [0-9a-f]{32} \(coordinator: 127\.0\.0\.1, duration: [0-9.]+[µm]?s\):$`)

func TestTracing(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)")

	var out bytes.Buffer
	if err := session.Query("INSERT INTO "+ks+".t (k, v) VALUES (?, ?)", 1, "a").Trace(gocql.NewTraceWriter(session, &out)).Exec(); err != nil {
		t.Fatalf("traced INSERT: %s", describeErr(err))
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !traceHeader.MatchString(lines[0]) {
		t.Fatalf("NewTraceWriter's first line %q does not name the coordinator and a duration; output:\n%s", lines[0], out.String())
	}
	for _, want := range []string{"Determining replicas for mutation", "Appending to commitlog", "Adding to t memtable"} {
		if !strings.Contains(out.String(), want+" (source: 127.0.0.1, elapsed: ") {
			t.Errorf("no %q event from 127.0.0.1 in the trace:\n%s", want, out.String())
		}
	}

	tracer := &idTracer{}
	var v string
	if err := session.Query("SELECT v FROM "+ks+".t WHERE k = ?", 1).Trace(tracer).Scan(&v); err != nil || v != "a" {
		t.Fatalf("traced SELECT: %q (%s)", v, describeErr(err))
	}
	id := tracer.last(t)
	if id.Version() != 1 {
		t.Errorf("session id %s is not a time uuid", id)
	}
	var request, command string
	var parameters map[string]string
	var duration int
	if err := session.Query("SELECT request, command, parameters, duration FROM system_traces.sessions WHERE session_id = ?", id).
		Scan(&request, &command, &parameters, &duration); err != nil {
		t.Fatalf("reading system_traces.sessions: %s", describeErr(err))
	}
	if request != "Execute CQL3 prepared query" || command != "QUERY" || parameters["bound_var_0_k"] != "1" || parameters["consistency_level"] != "ONE" || duration <= 0 {
		t.Errorf("session row: request %q, command %q, parameters %v, duration %d", request, command, parameters, duration)
	}
	activities := map[string]bool{}
	for _, e := range traceEvents(t, session, id, 1) {
		activities[e.activity] = true
	}
	for _, want := range []string{"Executing single-partition query on t", "Read 1 live rows and 0 tombstone cells"} {
		if !activities[want] {
			t.Errorf("no %q event; events: %v", want, activities)
		}
	}
}

func TestWarnings(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".t (k int, c int, PRIMARY KEY (k, c))")

	iter := session.Query("SELECT count(*) FROM " + ks + ".t").Iter()
	warnings := iter.Warnings()
	if err := iter.Close(); err != nil {
		t.Fatalf("SELECT count(*): %s", describeErr(err))
	}
	if len(warnings) != 1 || warnings[0] != "Aggregation query used without partition key" {
		t.Errorf("warnings %q, want the aggregation warning", warnings)
	}
	iter = session.Query("SELECT count(*) FROM "+ks+".t WHERE k = ?", 1).Iter()
	if warnings := iter.Warnings(); len(warnings) != 0 {
		t.Errorf("an aggregate on one partition warned: %q", warnings)
	}
	if err := iter.Close(); err != nil {
		t.Fatalf("SELECT count(*) WHERE k = 1: %s", describeErr(err))
	}
}

func TestThreeNodesTracing(t *testing.T) {
	nodes := topology(t)
	admin := connect(t)
	ks := createKeyspace(t, admin, 3)
	exec(t, admin, "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)")
	session := connect(t, onlyHost(nodes[0].Address))

	tracer := &idTracer{}
	if err := session.Query("INSERT INTO "+ks+".t (k, v) VALUES (?, ?)", 7, "x").Consistency(gocql.All).Trace(tracer).Exec(); err != nil {
		t.Fatalf("traced INSERT at ALL: %s", describeErr(err))
	}
	id := tracer.last(t)
	bySource := map[string][]string{}
	for _, e := range traceEvents(t, session, id, len(nodes)) {
		bySource[e.source] = append(bySource[e.source], e.activity)
	}
	if len(bySource) != len(nodes) {
		t.Fatalf("events from %d nodes, want %d: %v", len(bySource), len(nodes), bySource)
	}
	coordinator := nodes[0].Address
	for _, n := range nodes[1:] {
		received := "MUTATION_REQ message received from /" + coordinator + ":7000"
		if events := bySource[n.Address]; len(events) == 0 || events[0] != received {
			t.Errorf("replica %s: events %v, want them to start with %q", n.Address, events, received)
		}
		sent := "Sending MUTATION_REQ message to /" + n.Address + ":7000"
		if !strings.Contains(strings.Join(bySource[coordinator], "\n"), sent) {
			t.Errorf("the coordinator traced no %q: %v", sent, bySource[coordinator])
		}
	}
}
