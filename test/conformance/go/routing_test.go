package conformance

// Token-aware routing on a three-node cluster: gocql's TokenAwareHostPolicy sends each prepared statement
// to the primary replica of its partition key, computed here the way Cassandra does (ring_test.go) from the
// tokens Cassanova placed, and checked against the server's own view (token(), DESCRIBE CLUSTER).

import (
	"fmt"
	"reflect"
	"regexp"
	"testing"

	"github.com/gocql/gocql"
)

const routedKeys = 100

var endpointDecoration = regexp.MustCompile(`^/|:\d+$`)

func TestThreeNodesTokenAwareRouting(t *testing.T) {
	nodes := topology(t)
	r := ringOf(t, nodes)
	random := seededRandom(t)
	session := connect(t)
	ks := createKeyspace(t, session, 2)
	exec(t, session, "CREATE TABLE "+ks+".single (k int PRIMARY KEY, v text)")
	exec(t, session, "CREATE TABLE "+ks+".composite (a text, b int, c int, v text, PRIMARY KEY ((a, b), c))")
	checkRangeOwnership(t, ks, r, 2)

	for i := 0; i < routedKeys; i++ {
		k := random.Int31()
		token := murmur3Token(intKey(k))
		insert := session.Query("INSERT INTO "+ks+".single (k, v) VALUES (?, ?)", k, "v").Iter()
		checkServedBy(t, insert, fmt.Sprintf("INSERT k=%d", k), r.simpleStrategyReplicas(token, 2)[0])
		var serverToken int64
		if err := session.Query("SELECT token(k) FROM "+ks+".single WHERE k = ?", k).Scan(&serverToken); err != nil {
			t.Fatalf("token(%d): %s", k, describeErr(err))
		}
		if serverToken != token {
			t.Fatalf("token(%d): the server says %d, Murmur3 gives %d", k, serverToken, token)
		}
		read := session.Query("SELECT v FROM "+ks+".single WHERE k = ?", k).Iter()
		checkServedBy(t, read, fmt.Sprintf("SELECT k=%d", k), r.simpleStrategyReplicas(token, 2)[0])

		a, b := fmt.Sprintf("part-%d", random.Intn(1000)), random.Int31()
		compositeToken := murmur3Token(compositeKey([]byte(a), intKey(b)))
		write := session.Query("INSERT INTO "+ks+".composite (a, b, c, v) VALUES (?, ?, ?, ?)", a, b, i, "v").Iter()
		checkServedBy(t, write, fmt.Sprintf("INSERT (a, b)=(%s, %d)", a, b), r.simpleStrategyReplicas(compositeToken, 2)[0])
	}
}

// With ShuffleReplicas gocql picks either replica of the keyspace's replication factor, which it
// learns from system_schema.keyspaces: every statement lands on one of them, and both are used.
func TestThreeNodesTokenAwareRoutingShuffled(t *testing.T) {
	nodes := topology(t)
	r := ringOf(t, nodes)
	random := seededRandom(t)
	setup := connect(t)
	ks := createKeyspace(t, setup, 2)
	exec(t, setup, "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)")
	session := connect(t, func(c *gocql.ClusterConfig) {
		c.Keyspace = ks
		c.PoolConfig.HostSelectionPolicy = gocql.TokenAwareHostPolicy(gocql.DCAwareRoundRobinPolicy(localDC()), gocql.ShuffleReplicas())
	})
	secondaries := 0
	for i := 0; i < routedKeys; i++ {
		k := random.Int31()
		replicas := r.simpleStrategyReplicas(murmur3Token(intKey(k)), 2)
		iter := session.Query("SELECT v FROM t WHERE k = ?", k).Iter()
		host := iter.Host().ConnectAddress().String()
		if err := iter.Close(); err != nil {
			t.Fatalf("SELECT k=%d: %s", k, describeErr(err))
		}
		if host != replicas[0] && host != replicas[1] {
			t.Fatalf("SELECT k=%d was served by %s, not by a replica %v", k, host, replicas)
		}
		if host == replicas[1] {
			secondaries++
		}
	}
	if secondaries == 0 || secondaries == routedKeys {
		t.Errorf("%d of %d statements went to the second replica: gocql did not use both replicas", secondaries, routedKeys)
	}
}

func checkServedBy(t *testing.T, iter *gocql.Iter, what, primary string) {
	t.Helper()
	host := iter.Host()
	if err := iter.Close(); err != nil {
		t.Fatalf("%s: %s", what, describeErr(err))
	}
	if host == nil {
		t.Fatalf("%s: gocql names no host that served it", what)
	}
	if served := host.ConnectAddress().String(); served != primary {
		t.Fatalf("%s was served by %s, want the primary replica %s", what, served, primary)
	}
}

// checkRangeOwnership compares DESCRIBE CLUSTER's range_ownership (range end token → replicas, as the
// server places them) with SimpleStrategy over the topology's ring.
func checkRangeOwnership(t *testing.T, ks string, r ring, factor int) {
	t.Helper()
	session := connect(t, func(c *gocql.ClusterConfig) { c.Keyspace = ks })
	row := map[string]interface{}{}
	if err := session.Query("DESCRIBE CLUSTER").MapScan(row); err != nil {
		t.Fatalf("DESCRIBE CLUSTER: %s", describeErr(err))
	}
	ownership, ok := row["range_ownership"].(map[string][]string)
	if !ok {
		t.Fatalf("DESCRIBE CLUSTER: range_ownership is %T, want map[string][]string; row %v", row["range_ownership"], row)
	}
	if len(ownership) != len(r.tokens) {
		t.Errorf("range_ownership has %d ranges, the ring %d tokens", len(ownership), len(r.tokens))
	}
	for _, token := range r.tokens {
		endpoints := ownership[fmt.Sprint(token)]
		var got []string
		for _, e := range endpoints {
			got = append(got, endpointDecoration.ReplaceAllString(e, ""))
		}
		if want := r.simpleStrategyReplicas(token, factor); !reflect.DeepEqual(got, want) {
			t.Errorf("range ending at %d: the server places it on %v, SimpleStrategy on %v", token, got, want)
		}
	}
}
