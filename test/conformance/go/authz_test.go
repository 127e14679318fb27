package conformance

// CassandraAuthorizer as gocql sees it, on a three-node cluster of the test's own with PasswordAuthenticator and
// CassandraAuthorizer (the TestCassandraAuthorizer shape): a grant made through one node lets a role read a table
// through another, writes without MODIFY fail with Unauthorized and Cassandra's message, and a REVOKE takes the
// read away again (within the 2 s of the permissions cache).

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gocql/gocql"
)

func expectUnauthorized(t *testing.T, err error, message string) {
	t.Helper()
	var request gocql.RequestError
	if err == nil || !errors.As(err, &request) || request.Code() != gocql.ErrCodeUnauthorized {
		t.Fatalf("want Unauthorized (0x2100), got %s", describeErr(err))
	}
	if !strings.Contains(request.Message(), message) {
		t.Fatalf("want %q, got %q", message, request.Message())
	}
}

func TestCassandraAuthorizerGrantsAndRevokesAcrossNodes(t *testing.T) {
	nodes := topology(t)
	if len(nodes) < 3 {
		t.Fatalf("want three nodes, got %d", len(nodes))
	}
	admin := connect(t, withLogin("cassandra", "cassandra"), onlyHost(nodes[0].Address))
	for _, statement := range []string{
		"CREATE KEYSPACE go_authz WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
		"CREATE TABLE go_authz.t (k int PRIMARY KEY, v text)",
		"INSERT INTO go_authz.t (k, v) VALUES (1, 'one')",
		"CREATE ROLE go_reader WITH PASSWORD = 'r' AND LOGIN = true",
		"GRANT SELECT ON TABLE go_authz.t TO go_reader",
	} {
		if err := admin.Query(statement).Consistency(gocql.All).Exec(); err != nil {
			t.Fatalf("%s: %s", statement, describeErr(err))
		}
	}

	reader := connect(t, withLogin("go_reader", "r"), onlyHost(nodes[2].Address))
	var v string
	if err := reader.Query("SELECT v FROM go_authz.t WHERE k = 1").Scan(&v); err != nil || v != "one" {
		t.Fatalf("a granted SELECT: v=%q, %s", v, describeErr(err))
	}
	expectUnauthorized(t, reader.Query("INSERT INTO go_authz.t (k, v) VALUES (2, 'two')").Exec(),
		"User go_reader has no MODIFY permission on <table go_authz.t> or any of its parents")

	if err := admin.Query("REVOKE SELECT ON TABLE go_authz.t FROM go_reader").Exec(); err != nil {
		t.Fatalf("REVOKE: %s", describeErr(err))
	}
	// Node 3 may answer from its permissions cache (validity 2 s) until it reads the revocation.
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := reader.Query("SELECT v FROM go_authz.t WHERE k = 1").Scan(&v)
		if err != nil {
			expectUnauthorized(t, err, "User go_reader has no SELECT permission on <table go_authz.t> or any of its parents")
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the revoked SELECT still reads after 10 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
