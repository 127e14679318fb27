package conformance

// Client encryption through gocql's SslOpts, on a three-node cluster started with tls: 'self-signed':
// trusting the CA in CASSANOVA_TLS_CA and verifying each node by its address, gocql reaches every node;
// without the CA (and verifying), or without TLS, it is refused.

import (
	"os"
	"strings"
	"testing"

	"github.com/gocql/gocql"
)

func tlsCaFile(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CASSANOVA_TLS_CA")
	if path == "" {
		t.Skip("CASSANOVA_TLS_CA is not set: the cluster has no TLS")
	}
	return path
}

func sslOpts(opts *gocql.SslOptions) func(*gocql.ClusterConfig) {
	return func(c *gocql.ClusterConfig) { c.SslOpts = opts }
}

func TestTlsThreeNodesVerifiesEveryNodeAgainstTheCA(t *testing.T) {
	recorder := &hostRecorder{}
	session := connect(t, sslOpts(&gocql.SslOptions{CaPath: tlsCaFile(t), EnableHostVerification: true}),
		func(c *gocql.ClusterConfig) { c.HostFilter = recorder })
	var release string
	if err := session.Query("SELECT release_version FROM system.local").Scan(&release); err != nil {
		t.Fatalf("reading system.local over TLS: %s", describeErr(err))
	}
	waitUntil(t, "gocql knows three nodes", func() bool { return len(recorder.snapshot()) == 3 })
	for address := range recorder.snapshot() {
		one := connect(t, sslOpts(&gocql.SslOptions{CaPath: tlsCaFile(t), EnableHostVerification: true}), onlyHost(address))
		iter := one.Query("SELECT ssl_enabled FROM system_views.clients").Iter()
		var enabled bool
		rows := 0
		for iter.Scan(&enabled) {
			rows++
			if !enabled {
				t.Errorf("node %s lists a connection without TLS", address)
			}
		}
		if err := iter.Close(); err != nil {
			t.Fatalf("system_views.clients on %s: %s", address, describeErr(err))
		}
		if rows == 0 {
			t.Errorf("node %s lists no connection", address)
		}
	}
}

func TestTlsThreeNodesRefusesAClientWithoutTheCA(t *testing.T) {
	tlsCaFile(t)
	cluster := newClusterConfig(t)
	cluster.SslOpts = &gocql.SslOptions{EnableHostVerification: true}
	session, err := cluster.CreateSession()
	if err == nil {
		session.Close()
		t.Fatal("a client that does not trust the CA connected")
	}
	if !strings.Contains(err.Error(), "certificate") {
		t.Errorf("expected a certificate error, got %v", err)
	}
}

func TestTlsThreeNodesRefusesAClientWithoutTls(t *testing.T) {
	tlsCaFile(t)
	session, err := newClusterConfig(t).CreateSession()
	if err == nil {
		session.Close()
		t.Fatal("a client without TLS connected")
	}
}
