package conformance

// Connecting: the protocol version gocql negotiates, and compressed connections (snappy, lz4).

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/gocql/gocql"
	"github.com/gocql/gocql/lz4"
)

// frameRecorder is a FrameHeaderObserver that keeps the headers of every frame gocql received.
type frameRecorder struct {
	mu      sync.Mutex
	headers []gocql.ObservedFrameHeader
}

func (r *frameRecorder) ObserveFrameHeader(_ context.Context, h gocql.ObservedFrameHeader) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.headers = append(r.headers, h)
}

func (r *frameRecorder) snapshot() []gocql.ObservedFrameHeader {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]gocql.ObservedFrameHeader(nil), r.headers...)
}

func observeFrames(r *frameRecorder) func(*gocql.ClusterConfig) {
	return func(c *gocql.ClusterConfig) { c.FrameHeaderObserver = r }
}

// gocql starts at v4 (control.go discoverProtocol) and Cassandra 4.1 serves it: every response,
// including the discovery connection's, is a v4 response frame (0x84).
func TestConnectNegotiatesProtocolV4(t *testing.T) {
	frames := &frameRecorder{}
	session := connect(t, observeFrames(frames))
	var release, cqlVersion string
	if err := session.Query("SELECT release_version, cql_version FROM system.local WHERE key = 'local'").Scan(&release, &cqlVersion); err != nil {
		t.Fatalf("reading system.local: %s", describeErr(err))
	}
	if !strings.HasPrefix(release, "4.") {
		t.Errorf("release_version %q: want Cassandra 4.x", release)
	}
	if !strings.HasPrefix(cqlVersion, "3.4.") {
		t.Errorf("cql_version %q: want 3.4.x", cqlVersion)
	}
	headers := frames.snapshot()
	if len(headers) == 0 {
		t.Fatal("no frame was observed")
	}
	for _, h := range headers {
		if byte(h.Version) != 0x84 {
			t.Errorf("a response frame (opcode %v, stream %d) has version byte 0x%02x: want 0x84", h.Opcode, h.Stream, byte(h.Version))
		}
	}
}

// An explicit ProtoVersion 3 is served as v3 from the first frame on.
func TestConnectWithProtocolV3(t *testing.T) {
	frames := &frameRecorder{}
	session := connect(t, observeFrames(frames), func(c *gocql.ClusterConfig) { c.ProtoVersion = 3 })
	var key string
	if err := session.Query("SELECT key FROM system.local").Scan(&key); err != nil {
		t.Fatalf("reading system.local on v3: %s", describeErr(err))
	}
	for _, h := range frames.snapshot() {
		if byte(h.Version) != 0x83 {
			t.Fatalf("a response frame (opcode %v) has version byte 0x%02x: want 0x83", h.Opcode, byte(h.Version))
		}
	}
}

func TestCompressionSnappy(t *testing.T) {
	checkCompression(t, gocql.SnappyCompressor{})
}

func TestCompressionLZ4(t *testing.T) {
	checkCompression(t, lz4.LZ4Compressor{})
}

// checkCompression writes and reads a large compressible value and a small one over a compressed
// connection: the results come back intact, in frames that carry the compression flag.
func checkCompression(t *testing.T, compressor gocql.Compressor) {
	frames := &frameRecorder{}
	session := connect(t, observeFrames(frames), func(c *gocql.ClusterConfig) { c.Compressor = compressor })
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".blobs (k int PRIMARY KEY, v blob)")
	large := bytes.Repeat([]byte("cassanova speaks "+compressor.Name()+" "), 20000)
	for k, value := range [][]byte{large, []byte("small")} {
		exec(t, session, "INSERT INTO "+ks+".blobs (k, v) VALUES (?, ?)", k, value)
		var got []byte
		if err := session.Query("SELECT v FROM "+ks+".blobs WHERE k = ?", k).Scan(&got); err != nil {
			t.Fatalf("reading %d bytes back over %s: %s", len(value), compressor.Name(), describeErr(err))
		}
		if !bytes.Equal(got, value) {
			t.Fatalf("%s: read %d bytes, wrote %d (or different ones)", compressor.Name(), len(got), len(value))
		}
	}
	compressed := 0
	for _, h := range frames.snapshot() {
		if h.Flags&0x01 != 0 {
			compressed++
		}
	}
	if compressed == 0 {
		t.Errorf("no response frame carried the compression flag with %s", compressor.Name())
	}
}
