package conformance

// Shared setup of the gocql conformance tests. The Vitest runner (go-driver.test.ts) starts the cluster
// and describes it in the environment:
//
//	CASSANOVA_CONTACT_POINTS  host:port of every node, comma-separated
//	CASSANOVA_DC              the local data center
//	CASSANOVA_TOPOLOGY        JSON list of the nodes as Cassanova placed them (absent for an external server)
//	CASSANOVA_SEED            the seed of every random choice (printed on failure)
//	CASSANOVA_CONTROL_FD      the control channel of a cluster of the test's own (control_test.go)
//
// Every session built here has bounded timeouts and is closed when its test ends.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocql/gocql"
)

const (
	requestTimeout = 5 * time.Second
	connectTimeout = 5 * time.Second
	waitTimeout    = 20 * time.Second
)

// topologyNode is one entry of CASSANOVA_TOPOLOGY: a node as the cluster placed it.
type topologyNode struct {
	ID         int      `json:"id"`
	Address    string   `json:"address"`
	Port       int      `json:"port"`
	DataCenter string   `json:"dataCenter"`
	Rack       string   `json:"rack"`
	HostID     string   `json:"hostId"`
	Tokens     []string `json:"tokens"`
}

func contactPoints(t *testing.T) []string {
	t.Helper()
	raw := os.Getenv("CASSANOVA_CONTACT_POINTS")
	if raw == "" {
		raw = "127.0.0.1:9042"
	}
	return strings.Split(raw, ",")
}

func localDC() string {
	if dc := os.Getenv("CASSANOVA_DC"); dc != "" {
		return dc
	}
	return "datacenter1"
}

// topology is the cluster as Cassanova placed it; the test is skipped against an external server.
func topology(t *testing.T) []topologyNode {
	t.Helper()
	raw := os.Getenv("CASSANOVA_TOPOLOGY")
	if raw == "" {
		t.Skip("needs CASSANOVA_TOPOLOGY (a cluster started by go-driver.test.ts)")
	}
	var nodes []topologyNode
	if err := json.Unmarshal([]byte(raw), &nodes); err != nil {
		t.Fatalf("CASSANOVA_TOPOLOGY is not a JSON node list: %v", err)
	}
	return nodes
}

// seededRandom returns a generator seeded from CASSANOVA_SEED (logged so that a failure can be replayed).
func seededRandom(t *testing.T) *rand.Rand {
	t.Helper()
	seed := int64(1)
	if raw := os.Getenv("CASSANOVA_SEED"); raw != "" {
		parsed, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			t.Fatalf("CASSANOVA_SEED=%q is not an integer", raw)
		}
		seed = parsed
	}
	t.Logf("seed %d (CASSANOVA_SEED)", seed)
	return rand.New(rand.NewSource(seed))
}

// newClusterConfig aims gocql at the server under test with its usual policies (token-aware over
// DC-aware round robin), protocol negotiation left to the driver, and bounded timeouts.
func newClusterConfig(t *testing.T) *gocql.ClusterConfig {
	t.Helper()
	hosts := contactPoints(t)
	_, port, err := net.SplitHostPort(hosts[0])
	if err != nil {
		t.Fatalf("contact point %q: %v", hosts[0], err)
	}
	cluster := gocql.NewCluster(hosts...)
	cluster.Port, _ = strconv.Atoi(port)
	cluster.Timeout = requestTimeout
	cluster.ConnectTimeout = connectTimeout
	cluster.MaxWaitSchemaAgreement = 10 * time.Second
	cluster.PoolConfig.HostSelectionPolicy = gocql.TokenAwareHostPolicy(gocql.DCAwareRoundRobinPolicy(localDC()))
	cluster.ReconnectionPolicy = &gocql.ConstantReconnectionPolicy{MaxRetries: 3, Interval: 200 * time.Millisecond}
	cluster.Consistency = gocql.One
	return cluster
}

// connect opens a session with newClusterConfig, adjusted by `configure`; it is closed after the test.
func connect(t *testing.T, configure ...func(*gocql.ClusterConfig)) *gocql.Session {
	t.Helper()
	cluster := newClusterConfig(t)
	for _, c := range configure {
		c(cluster)
	}
	session, err := cluster.CreateSession()
	if err != nil {
		t.Fatalf("connecting to %v: %s", cluster.Hosts, describeErr(err))
	}
	t.Cleanup(session.Close)
	return session
}

// onlyHost keeps a session on one node: gocql 1.3.2 has no per-query host choice.
func onlyHost(address string) func(*gocql.ClusterConfig) {
	return func(c *gocql.ClusterConfig) {
		c.HostFilter = gocql.HostFilterFunc(func(h *gocql.HostInfo) bool { return h.ConnectAddress().String() == address })
	}
}

// hostRecorder is a HostFilter that accepts every host and remembers the ones gocql discovered.
type hostRecorder struct {
	mu    sync.Mutex
	hosts map[string]*gocql.HostInfo
}

func (r *hostRecorder) Accept(h *gocql.HostInfo) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hosts == nil {
		r.hosts = map[string]*gocql.HostInfo{}
	}
	r.hosts[h.ConnectAddress().String()] = h
	return true
}

func (r *hostRecorder) snapshot() map[string]*gocql.HostInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	copied := make(map[string]*gocql.HostInfo, len(r.hosts))
	for k, v := range r.hosts {
		copied[k] = v
	}
	return copied
}

var keyspaceCount int32

var notIdentifier = regexp.MustCompile(`[^a-z0-9]+`)

// createKeyspace creates a SimpleStrategy keyspace named after the test (and the pid, so that runs
// against one server stay apart) and drops it after the test.
func createKeyspace(t *testing.T, session *gocql.Session, replicationFactor int) string {
	t.Helper()
	base := notIdentifier.ReplaceAllString(strings.ToLower(strings.TrimPrefix(t.Name(), "Test")), "_")
	if len(base) > 24 {
		base = base[:24]
	}
	name := fmt.Sprintf("go_%s_%d_%d", base, os.Getpid(), atomic.AddInt32(&keyspaceCount, 1))
	exec(t, session, fmt.Sprintf(
		"CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': %d}", name, replicationFactor))
	t.Cleanup(func() {
		if err := session.Query("DROP KEYSPACE IF EXISTS " + name).Exec(); err != nil && !session.Closed() {
			t.Errorf("dropping keyspace %s: %s", name, describeErr(err))
		}
	})
	return name
}

// exec runs a statement and fails the test with gocql's typed error if it fails.
func exec(t *testing.T, session *gocql.Session, stmt string, values ...interface{}) {
	t.Helper()
	if err := session.Query(stmt, values...).Exec(); err != nil {
		t.Fatalf("%s\n  failed: %s", stmt, describeErr(err))
	}
}

// describeErr names gocql's error type, the protocol code and every field, so a failure says what the
// driver received and not only its message.
func describeErr(err error) string {
	if err == nil {
		return "no error"
	}
	var request gocql.RequestError
	if errors.As(err, &request) {
		return fmt.Sprintf("%T (code 0x%04X) %q %s", err, request.Code(), request.Message(), errorFields(err))
	}
	return fmt.Sprintf("%T: %v", err, err)
}

// errorFields prints the payload of the typed request errors (without the embedded frame header).
func errorFields(err error) string {
	switch e := err.(type) {
	case *gocql.RequestErrUnavailable:
		return fmt.Sprintf("{Consistency:%s Required:%d Alive:%d}", e.Consistency, e.Required, e.Alive)
	case *gocql.RequestErrWriteTimeout:
		return fmt.Sprintf("{Consistency:%s Received:%d BlockFor:%d WriteType:%s}", e.Consistency, e.Received, e.BlockFor, e.WriteType)
	case *gocql.RequestErrReadTimeout:
		return fmt.Sprintf("{Consistency:%s Received:%d BlockFor:%d DataPresent:%d}", e.Consistency, e.Received, e.BlockFor, e.DataPresent)
	case *gocql.RequestErrAlreadyExists:
		return fmt.Sprintf("{Keyspace:%s Table:%s}", e.Keyspace, e.Table)
	case *gocql.RequestErrUnprepared:
		return fmt.Sprintf("{StatementId:%x}", e.StatementId)
	case *gocql.RequestErrFunctionFailure:
		return fmt.Sprintf("{Keyspace:%s Function:%s ArgTypes:%v}", e.Keyspace, e.Function, e.ArgTypes)
	default:
		return ""
	}
}

// requireCode checks that err is a gocql.RequestError with this protocol code and returns it.
func requireCode(t *testing.T, err error, code int, what string) gocql.RequestError {
	t.Helper()
	var request gocql.RequestError
	if !errors.As(err, &request) || request.Code() != code {
		t.Fatalf("%s: want a request error with code 0x%04X, got %s", what, code, describeErr(err))
	}
	return request
}

// waitUntil polls `condition` every 50 ms and fails the test after waitTimeout.
func waitUntil(t *testing.T, what string, condition func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !condition() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", waitTimeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
