package conformance

// Replica placement computed the way Cassandra does, independently of gocql and of Cassanova:
// Murmur3Partitioner tokens (MurmurHash3 x64 128, first half, with Cassandra's sign-extended tail bytes)
// and SimpleStrategy's ring walk over the tokens each node publishes.

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"testing"
)

const (
	murmurC1 = 0x87c37b91114253d5
	murmurC2 = 0x4cf5ad432745937f
)

func fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// murmur3Token is Murmur3Partitioner's token of a serialized partition key.
func murmur3Token(key []byte) int64 {
	if len(key) == 0 {
		return math.MinInt64
	}
	var h1, h2 uint64
	blocks := len(key) / 16
	for i := 0; i < blocks; i++ {
		k1 := binary.LittleEndian.Uint64(key[i*16:])
		k2 := binary.LittleEndian.Uint64(key[i*16+8:])
		k1 *= murmurC1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= murmurC2
		h1 ^= k1
		h1 = bits.RotateLeft64(h1, 27)
		h1 += h2
		h1 = h1*5 + 0x52dce729
		k2 *= murmurC2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= murmurC1
		h2 ^= k2
		h2 = bits.RotateLeft64(h2, 31)
		h2 += h1
		h2 = h2*5 + 0x38495ab5
	}
	tail := key[blocks*16:]
	var k1, k2 uint64
	// Cassandra widens each tail byte as a signed Java byte.
	signed := func(i int) uint64 { return uint64(int64(int8(tail[i]))) }
	for i := len(tail) - 1; i >= 8; i-- {
		k2 ^= signed(i) << (uint(i-8) * 8)
	}
	if len(tail) > 8 {
		k2 *= murmurC2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= murmurC1
		h2 ^= k2
	}
	for i := min(len(tail), 8) - 1; i >= 0; i-- {
		k1 ^= signed(i) << (uint(i) * 8)
	}
	if len(tail) > 0 {
		k1 *= murmurC1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= murmurC2
		h1 ^= k1
	}
	h1 ^= uint64(len(key))
	h2 ^= uint64(len(key))
	h1 += h2
	h2 += h1
	h1 = fmix64(h1)
	h2 = fmix64(h2)
	h1 += h2
	token := int64(h1)
	if token == math.MinInt64 {
		return math.MaxInt64
	}
	return token
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// ring is the token ring: tokens ascending, each with the address of the node that owns it.
type ring struct {
	tokens []int64
	owners []string
}

func ringOf(t *testing.T, nodes []topologyNode) ring {
	t.Helper()
	var r ring
	type entry struct {
		token int64
		owner string
	}
	var entries []entry
	for _, n := range nodes {
		for _, s := range n.Tokens {
			token, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				t.Fatalf("node %d: token %q: %v", n.ID, s, err)
			}
			entries = append(entries, entry{token, n.Address})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].token < entries[j].token })
	for _, e := range entries {
		r.tokens = append(r.tokens, e.token)
		r.owners = append(r.owners, e.owner)
	}
	return r
}

// simpleStrategyReplicas walks the ring clockwise from the first token ≥ `token`, taking the first
// `factor` distinct owners (the first is the primary replica).
func (r ring) simpleStrategyReplicas(token int64, factor int) []string {
	start := sort.Search(len(r.tokens), func(i int) bool { return r.tokens[i] >= token })
	var replicas []string
	seen := map[string]bool{}
	for i := 0; i < len(r.tokens) && len(replicas) < factor; i++ {
		owner := r.owners[(start+i)%len(r.tokens)]
		if !seen[owner] {
			seen[owner] = true
			replicas = append(replicas, owner)
		}
	}
	return replicas
}

func intKey(k int32) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, uint32(k))
	return b
}

// compositeKey is the serialized form of a multi-column partition key: each component as
// [uint16 length][bytes][0x00].
func compositeKey(components ...[]byte) []byte {
	var out []byte
	for _, c := range components {
		out = append(out, byte(len(c)>>8), byte(len(c)))
		out = append(out, c...)
		out = append(out, 0)
	}
	return out
}

// Vectors from the drivers' and Cassandra's own tests (see DRIVER-NOTES.md, B.7).
func TestMurmur3MatchesCassandrasVectors(t *testing.T) {
	repeat := func(b []byte, n int) []byte {
		var out []byte
		for i := 0; i < n; i++ {
			out = append(out, b...)
		}
		return out
	}
	fromHex := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	seq := func(from, to byte) []byte {
		var out []byte
		for b := from; b <= to; b++ {
			out = append(out, b)
		}
		return out
	}
	vectors := []struct {
		key   []byte
		token int64
	}{
		{[]byte("123"), -7468325962851647638},
		{repeat([]byte{0x00, 0xff, 0x10, 0xfa, 0x99}, 10), 5837342703291459765},
		{repeat([]byte{0xfe}, 8), -8927430733708461935},
		{repeat([]byte{0x10}, 8), 1446172840243228796},
		{[]byte("9223372036854775807"), 7162290910810015547},
		{seq(1, 16), -5563837382979743776},
		{seq(2, 17), -1513403162740402161},
		{repeat([]byte{0xff}, 16), -2824192546314762522},
		{append([]byte{0, 1, 2, 3}, repeat([]byte{0xff}, 12)...), 6463632673159404390},
		{repeat([]byte{0xfe}, 17), -1672437813826982685},
		{repeat([]byte{0xfe}, 4), 4566408979886474012},
		{intKey(0), -3485513579396041028},
		{fromHex("00017f7f"), 6573459401642635627},
		{fromHex("e2e7e2e7e2e701"), 2222373981930033306},
		{fromHex("0000000000000080"), 78142285821850151},
		{fromHex("00104327529fb645dd00b883ec39ae448bb800000400066a6b00"), -9223371632693506265},
		{intKey(1), -4069959284402364209},
		{intKey(2), -3248873570005575792},
		{intKey(42), -7160136740246525330},
		{nil, math.MinInt64},
	}
	for _, v := range vectors {
		if got := murmur3Token(v.key); got != v.token {
			t.Errorf("token of %x: got %d, want %d", v.key, got, v.token)
		}
	}
}
