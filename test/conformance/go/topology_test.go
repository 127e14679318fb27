package conformance

// Host discovery on a three-node cluster: the hosts gocql finds (address, port, data center, rack, host
// id, tokens) against the cluster as Cassanova placed it, and what every node publishes in system.local
// and system.peers_v2.

import (
	"fmt"
	"net"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/gocql/gocql"
)

func sortedCopy(values []string) []string {
	out := append([]string(nil), values...)
	sort.Strings(out)
	return out
}

func TestThreeNodesHostDiscovery(t *testing.T) {
	nodes := topology(t)
	if len(nodes) != 3 {
		t.Fatalf("want a three-node cluster, CASSANOVA_TOPOLOGY has %d nodes", len(nodes))
	}
	recorder := &hostRecorder{}
	session := connect(t, func(c *gocql.ClusterConfig) { c.HostFilter = recorder })
	waitUntil(t, "gocql to know three hosts", func() bool { return len(recorder.snapshot()) == 3 })
	hosts := recorder.snapshot()
	for _, node := range nodes {
		host, found := hosts[node.Address]
		if !found {
			t.Errorf("node %d (%s) was not discovered; gocql knows %v", node.ID, node.Address, hosts)
			continue
		}
		got := fmt.Sprintf("port=%d dc=%s rack=%s host_id=%s", host.Port(), host.DataCenter(), host.Rack(), host.HostID())
		want := fmt.Sprintf("port=%d dc=%s rack=%s host_id=%s", node.Port, node.DataCenter, node.Rack, node.HostID)
		if got != want {
			t.Errorf("node %d: gocql sees %s, want %s", node.ID, got, want)
		}
		if !reflect.DeepEqual(sortedCopy(host.Tokens()), sortedCopy(node.Tokens)) {
			t.Errorf("node %d: gocql sees tokens %v, want %v", node.ID, host.Tokens(), node.Tokens)
		}
		if host.Version().Major != 4 {
			t.Errorf("node %d: release version %s, want 4.x", node.ID, host.Version())
		}
	}
	// Statements without a routing key go round robin: every pool is open and serves.
	served := map[string]bool{}
	for i := 0; i < 12; i++ {
		iter := session.Query("SELECT release_version FROM system.local").Iter()
		served[iter.Host().ConnectAddress().String()] = true
		if err := iter.Close(); err != nil {
			t.Fatalf("reading system.local: %s", describeErr(err))
		}
	}
	if len(served) != 3 {
		t.Errorf("12 round-robin queries were served by %v, want all three hosts", served)
	}
}

// Every node describes itself in system.local and the two others in system.peers_v2, as the topology says.
func TestThreeNodesSystemPeersV2(t *testing.T) {
	nodes := topology(t)
	for _, node := range nodes {
		session := connectToNode(t, node)
		var hostID gocql.UUID
		var dc, rack, partitioner string
		var tokens []string
		err := session.Query("SELECT host_id, data_center, rack, tokens, partitioner FROM system.local WHERE key = 'local'").
			Scan(&hostID, &dc, &rack, &tokens, &partitioner)
		if err != nil {
			t.Fatalf("node %d: system.local: %s", node.ID, describeErr(err))
		}
		checkNodeRow(t, fmt.Sprintf("node %d system.local", node.ID), node, hostID, dc, rack, tokens)
		if partitioner != "org.apache.cassandra.dht.Murmur3Partitioner" {
			t.Errorf("node %d: partitioner %q", node.ID, partitioner)
		}
		iter := session.Query("SELECT peer, peer_port, native_address, native_port, host_id, data_center, rack, tokens FROM system.peers_v2").Iter()
		var peer, nativeAddress net.IP
		var peerPort, nativePort int
		seen := map[string]bool{}
		for iter.Scan(&peer, &peerPort, &nativeAddress, &nativePort, &hostID, &dc, &rack, &tokens) {
			other := nodeAt(nodes, nativeAddress.String())
			if other == nil || other.ID == node.ID {
				t.Errorf("node %d: system.peers_v2 lists %s, not another node", node.ID, nativeAddress)
				continue
			}
			seen[other.Address] = true
			where := fmt.Sprintf("node %d system.peers_v2 row of node %d", node.ID, other.ID)
			checkNodeRow(t, where, *other, hostID, dc, rack, tokens)
			if peer.String() != other.Address || nativePort != other.Port || peerPort <= 0 {
				t.Errorf("%s: peer %s:%d native port %d", where, peer, peerPort, nativePort)
			}
		}
		if err := iter.Close(); err != nil {
			t.Fatalf("node %d: system.peers_v2: %s", node.ID, describeErr(err))
		}
		if len(seen) != len(nodes)-1 {
			t.Errorf("node %d: system.peers_v2 lists %v, want the %d other nodes", node.ID, seen, len(nodes)-1)
		}
	}
}

func nodeAt(nodes []topologyNode, address string) *topologyNode {
	for i := range nodes {
		if nodes[i].Address == address {
			return &nodes[i]
		}
	}
	return nil
}

func checkNodeRow(t *testing.T, where string, node topologyNode, hostID gocql.UUID, dc, rack string, tokens []string) {
	t.Helper()
	if hostID.String() != node.HostID || dc != node.DataCenter || rack != node.Rack {
		t.Errorf("%s: host_id %s dc %s rack %s, want %s %s %s", where, hostID, dc, rack, node.HostID, node.DataCenter, node.Rack)
	}
	if !reflect.DeepEqual(sortedCopy(tokens), sortedCopy(node.Tokens)) {
		t.Errorf("%s: tokens %v, want %v", where, tokens, node.Tokens)
	}
}

// connectToNode opens a session that sends everything to one node.
func connectToNode(t *testing.T, node topologyNode) *gocql.Session {
	t.Helper()
	return connect(t, onlyHost(node.Address), func(c *gocql.ClusterConfig) {
		c.Hosts = []string{net.JoinHostPort(node.Address, strconv.Itoa(node.Port))}
	})
}
