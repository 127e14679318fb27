package conformance

// Request errors as gocql types them: the protocol code, Cassandra 4.1's message, and the fields of the
// typed errors (*gocql.RequestErrUnavailable, *gocql.RequestErrWriteTimeout, *gocql.RequestErrReadTimeout,
// *gocql.RequestErrAlreadyExists). The three-node tests stop or pause nodes through the control channel.

import (
	"errors"
	"testing"
	"time"

	"github.com/gocql/gocql"
)

func TestSyntaxAndInvalidRequestErrors(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY, v int)")
	cases := []struct {
		stmt    string
		values  []interface{}
		code    int
		message string
	}{
		{"SELEC * FROM " + ks + ".kv", nil, gocql.ErrCodeSyntax, "line 1:0 no viable alternative at input 'SELEC' ([SELEC]...)"},
		// With a bound value gocql prepares the statement: the error comes from PREPARE.
		{"SELECT * FROM " + ks + ".nope WHERE k = ?", []interface{}{1}, gocql.ErrCodeInvalid, "table nope does not exist"},
		{"SELECT * FROM " + ks + ".kv WHERE v = 1", nil, gocql.ErrCodeInvalid,
			"Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. " +
				"If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING"},
		{"INSERT INTO " + ks + ".kv (v) VALUES (?)", []interface{}{1}, gocql.ErrCodeInvalid, "Some partition key parts are missing: k"},
		{"SELECT * FROM go_no_such_keyspace.kv", nil, gocql.ErrCodeInvalid, "keyspace go_no_such_keyspace does not exist"},
	}
	for _, c := range cases {
		err := session.Query(c.stmt, c.values...).Exec()
		request := requireCode(t, err, c.code, c.stmt)
		if request.Message() != c.message {
			t.Errorf("%s: message %q, want %q", c.stmt, request.Message(), c.message)
		}
	}
}

func TestAlreadyExistsErrors(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY)")

	err := session.Query("CREATE KEYSPACE " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}").Exec()
	var exists *gocql.RequestErrAlreadyExists
	if !errors.As(err, &exists) || exists.Keyspace != ks || exists.Table != "" {
		t.Fatalf("CREATE KEYSPACE again: %s, want *gocql.RequestErrAlreadyExists for keyspace %s", describeErr(err), ks)
	}
	if want := `Cannot add existing keyspace "` + ks + `"`; exists.Message() != want {
		t.Errorf("message %q, want %q", exists.Message(), want)
	}
	err = session.Query("CREATE TABLE " + ks + ".kv (k int PRIMARY KEY)").Exec()
	if !errors.As(err, &exists) || exists.Keyspace != ks || exists.Table != "kv" {
		t.Fatalf("CREATE TABLE again: %s, want *gocql.RequestErrAlreadyExists for %s.kv", describeErr(err), ks)
	}
	if want := `Cannot add already existing table "kv" to keyspace "` + ks + `"`; exists.Message() != want {
		t.Errorf("message %q, want %q", exists.Message(), want)
	}
	if err := session.Query("CREATE TABLE IF NOT EXISTS " + ks + ".kv (k int PRIMARY KEY)").Exec(); err != nil {
		t.Errorf("CREATE TABLE IF NOT EXISTS: %s", describeErr(err))
	}
}

// A replication factor above the number of nodes: QUORUM needs 2 of 3 replicas, one node is alive.
func TestUnavailableWithTooFewNodes(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 3)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY, v int)")
	err := session.Query("INSERT INTO "+ks+".kv (k, v) VALUES (?, ?)", 1, 1).Consistency(gocql.Quorum).Exec()
	checkUnavailable(t, err, gocql.Quorum, 2, 1)
	if err := session.Query("INSERT INTO "+ks+".kv (k, v) VALUES (?, ?)", 1, 1).Consistency(gocql.One).Exec(); err != nil {
		t.Errorf("INSERT at ONE: %s", describeErr(err))
	}
}

func checkUnavailable(t *testing.T, err error, consistency gocql.Consistency, required, alive int) {
	t.Helper()
	var unavailable *gocql.RequestErrUnavailable
	if !errors.As(err, &unavailable) {
		t.Fatalf("want *gocql.RequestErrUnavailable, got %s", describeErr(err))
	}
	if unavailable.Consistency != consistency || unavailable.Required != required || unavailable.Alive != alive {
		t.Errorf("unavailable %s, want consistency %s required %d alive %d", errorFields(err), consistency, required, alive)
	}
	if want := "Cannot achieve consistency level " + consistency.String(); unavailable.Message() != want {
		t.Errorf("message %q, want %q", unavailable.Message(), want)
	}
}

// faultSession prepares an RF 3 table on the three-node cluster and returns a session whose requests all
// go to node 1, with a client timeout above the server's request timeouts.
func faultSession(t *testing.T) (*gocql.Session, string) {
	t.Helper()
	nodes := topology(t)
	setup := connect(t)
	ks := createKeyspace(t, setup, 3)
	exec(t, setup, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY, v text)")
	session := connect(t, onlyHost(nodes[0].Address), func(c *gocql.ClusterConfig) {
		c.Hosts = c.Hosts[:1]
		c.Timeout = 15 * time.Second
	})
	return session, ks
}

func TestThreeNodesUnavailableWithAStoppedNode(t *testing.T) {
	session, ks := faultSession(t)
	controlNode(t, "stop", 3)
	defer controlNode(t, "start", 3)
	insert := "INSERT INTO " + ks + ".kv (k, v) VALUES (?, ?)"
	if err := session.Query(insert, 1, "a").Consistency(gocql.Quorum).Exec(); err != nil {
		t.Fatalf("INSERT at QUORUM with two of three replicas: %s", describeErr(err))
	}
	checkUnavailable(t, session.Query(insert, 2, "b").Consistency(gocql.All).Exec(), gocql.All, 3, 2)
	controlNode(t, "stop", 2)
	defer controlNode(t, "start", 2)
	checkUnavailable(t, session.Query(insert, 3, "c").Consistency(gocql.Quorum).Exec(), gocql.Quorum, 2, 1)
	err := session.Query("SELECT v FROM "+ks+".kv WHERE k = ?", 1).Consistency(gocql.Quorum).Exec()
	checkUnavailable(t, err, gocql.Quorum, 2, 1)
	var v string
	if err := session.Query("SELECT v FROM "+ks+".kv WHERE k = ?", 1).Consistency(gocql.One).Scan(&v); err != nil || v != "a" {
		t.Errorf("SELECT at ONE on the last node: %q (%s)", v, describeErr(err))
	}
}

func TestThreeNodesWriteTimeoutOnAPausedNode(t *testing.T) {
	session, ks := faultSession(t)
	controlNode(t, "pause", 2)
	defer controlNode(t, "resume", 2)
	err := session.Query("INSERT INTO "+ks+".kv (k, v) VALUES (?, ?)", 1, "x").Consistency(gocql.All).Exec()
	var timeout *gocql.RequestErrWriteTimeout
	if !errors.As(err, &timeout) {
		t.Fatalf("INSERT at ALL with a paused replica: want *gocql.RequestErrWriteTimeout, got %s", describeErr(err))
	}
	if timeout.Consistency != gocql.All || timeout.Received != 2 || timeout.BlockFor != 3 || timeout.WriteType != "SIMPLE" {
		t.Errorf("write timeout %s, want ALL received 2 blockFor 3 SIMPLE", errorFields(err))
	}
	if want := "Operation timed out - received only 2 responses."; timeout.Message() != want {
		t.Errorf("message %q, want %q", timeout.Message(), want)
	}
}

func TestThreeNodesReadTimeoutOnAPausedNode(t *testing.T) {
	session, ks := faultSession(t)
	exec(t, session, "INSERT INTO "+ks+".kv (k, v) VALUES (1, 'x')")
	controlNode(t, "pause", 3)
	defer controlNode(t, "resume", 3)
	err := session.Query("SELECT v FROM "+ks+".kv WHERE k = ?", 1).Consistency(gocql.All).Exec()
	var timeout *gocql.RequestErrReadTimeout
	if !errors.As(err, &timeout) {
		t.Fatalf("SELECT at ALL with a paused replica: want *gocql.RequestErrReadTimeout, got %s", describeErr(err))
	}
	if timeout.Consistency != gocql.All || timeout.Received != 2 || timeout.BlockFor != 3 {
		t.Errorf("read timeout %s, want ALL received 2 blockFor 3", errorFields(err))
	}
}
