package conformance

// System tables through gocql: system_views.clients lists gocql's connections, which send no DRIVER_NAME
// (Cassandra then shows no driver name nor version, and only the options sent: CQL_VERSION and, with a
// compressor, COMPRESSION), and counts their requests; system."IndexInfo" lists an index once it is built
// (what Go test utilities poll after CREATE INDEX) and forgets it when dropped. On three nodes each node
// lists its own clients and every node lists the built index.

import (
	"fmt"
	"net"
	"testing"

	"github.com/gocql/gocql"
)

type clientRow struct {
	address         net.IP
	port            int
	hostname        string
	username        string
	stage           string
	driverName      *string
	driverVersion   *string
	protocolVersion int
	options         map[string]string
	requestCount    int64
	sslEnabled      bool
}

func (c clientRow) endpoint() string {
	return fmt.Sprintf("%s:%d", c.address, c.port)
}

// clients reads system_views.clients from the node the session is kept on (or any node).
func clients(t *testing.T, session *gocql.Session) []clientRow {
	t.Helper()
	iter := session.Query("SELECT address, port, hostname, username, connection_stage, driver_name, driver_version, " +
		"protocol_version, client_options, request_count, ssl_enabled FROM system_views.clients").Iter()
	var rows []clientRow
	for {
		var c clientRow
		if !iter.Scan(&c.address, &c.port, &c.hostname, &c.username, &c.stage, &c.driverName, &c.driverVersion,
			&c.protocolVersion, &c.options, &c.requestCount, &c.sslEnabled) {
			break
		}
		rows = append(rows, c)
	}
	if err := iter.Close(); err != nil {
		t.Fatalf("reading system_views.clients: %s", describeErr(err))
	}
	return rows
}

// withoutDriverName keeps the connections of clients that sent no DRIVER_NAME, as gocql does.
func withoutDriverName(rows []clientRow) []clientRow {
	var out []clientRow
	for _, c := range rows {
		if c.driverName == nil {
			out = append(out, c)
		}
	}
	return out
}

func totalRequests(rows []clientRow) int64 {
	var n int64
	for _, c := range rows {
		n += c.requestCount
	}
	return n
}

// indexBuilt is what Go helpers ask of system."IndexInfo" after CREATE INDEX: is the index built yet?
func indexBuilt(t *testing.T, session *gocql.Session, keyspace, index string) bool {
	t.Helper()
	var count int
	err := session.Query(`SELECT COUNT(*) FROM system."IndexInfo" WHERE table_name = ? AND index_name = ? LIMIT 1`, keyspace, index).Scan(&count)
	if err != nil {
		t.Fatalf("reading system.\"IndexInfo\": %s", describeErr(err))
	}
	return count > 0
}

func TestClientsTableListsGocqlConnections(t *testing.T) {
	session := connect(t, func(c *gocql.ClusterConfig) { c.Compressor = gocql.SnappyCompressor{} })
	rows := withoutDriverName(clients(t, session))
	mine := 0
	for _, c := range rows {
		if c.driverVersion != nil {
			t.Errorf("%s: driver_version %q without a driver name", c.endpoint(), *c.driverVersion)
		}
		if c.username != "anonymous" || c.stage != "ready" || c.sslEnabled || c.hostname != c.address.String() {
			t.Errorf("%s: username %q, stage %q, ssl %v, hostname %q", c.endpoint(), c.username, c.stage, c.sslEnabled, c.hostname)
		}
		if c.options["COMPRESSION"] == "snappy" {
			mine++
			if len(c.options) != 2 || c.options["CQL_VERSION"] != "3.0.0" || c.protocolVersion != 4 {
				t.Errorf("%s: options %v, protocol version %d; want CQL_VERSION 3.0.0 and COMPRESSION snappy on v4", c.endpoint(), c.options, c.protocolVersion)
			}
		}
	}
	if mine == 0 {
		t.Fatalf("no connection with snappy compression among %d gocql connections: %+v", len(rows), rows)
	}
	before := totalRequests(rows)
	for i := 0; i < 5; i++ {
		exec(t, session, "SELECT release_version FROM system.local")
	}
	// Other tests share the node and only add requests: ours are five, and the SELECT reading the count.
	if after := totalRequests(withoutDriverName(clients(t, session))); after < before+6 {
		t.Errorf("request_count went from %d to %d after six requests", before, after)
	}
}

func TestIndexInfoListsBuiltIndexes(t *testing.T) {
	session := connect(t)
	keyspace := createKeyspace(t, session, 1)
	exec(t, session, fmt.Sprintf("CREATE TABLE %s.t (k int PRIMARY KEY, v text)", keyspace))
	exec(t, session, fmt.Sprintf("CREATE INDEX t_v ON %s.t (v)", keyspace))
	waitUntil(t, "t_v to be built", func() bool { return indexBuilt(t, session, keyspace, "t_v") })
	exec(t, session, fmt.Sprintf("DROP INDEX %s.t_v", keyspace))
	if indexBuilt(t, session, keyspace, "t_v") {
		t.Errorf("system.\"IndexInfo\" still lists t_v after DROP INDEX")
	}
}

func TestThreeNodesSystemTables(t *testing.T) {
	nodes := topology(t)
	if len(nodes) != 3 {
		t.Fatalf("want a three-node cluster, CASSANOVA_TOPOLOGY has %d nodes", len(nodes))
	}
	keyspace := createKeyspace(t, connect(t), 3)
	exec(t, connect(t), fmt.Sprintf("CREATE TABLE %s.t (k int PRIMARY KEY, v text)", keyspace))
	exec(t, connect(t), fmt.Sprintf("CREATE INDEX t_v ON %s.t (v)", keyspace))
	seen := map[string]string{}
	for _, node := range nodes {
		session := connect(t, onlyHost(node.Address))
		waitUntil(t, "t_v to be built on "+node.Address, func() bool { return indexBuilt(t, session, keyspace, "t_v") })
		rows := clients(t, session)
		if len(rows) == 0 {
			t.Errorf("node %d lists no client, though this session is connected to it", node.ID)
		}
		for _, c := range rows {
			if other, found := seen[c.endpoint()]; found {
				t.Errorf("client %s listed by %s and by %s", c.endpoint(), other, node.Address)
			}
			seen[c.endpoint()] = node.Address
		}
	}
}
