package conformance

// The control channel to the runner (go-driver.test.ts), open to the tests that run on a cluster of
// their own: one JSON request per line on the file descriptor CASSANOVA_CONTROL_FD ({"op": "stop",
// "node": 3}), one JSON answer per line on stdin. The operations are those of
// test/conformance/support/cluster-control.ts.

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"sync"
	"testing"
)

var controlChannel struct {
	sync.Mutex
	requests *os.File
	replies  *bufio.Reader
}

// control asks the runner to change the cluster and returns its answer; the test is skipped when there
// is no control channel (an external server or a shared cluster).
func control(t *testing.T, op string, args map[string]interface{}) json.RawMessage {
	t.Helper()
	raw := os.Getenv("CASSANOVA_CONTROL_FD")
	if raw == "" {
		t.Skip("needs a cluster of its own started by go-driver.test.ts (CASSANOVA_CONTROL_FD)")
	}
	controlChannel.Lock()
	defer controlChannel.Unlock()
	if controlChannel.requests == nil {
		fd, err := strconv.Atoi(raw)
		if err != nil {
			t.Fatalf("CASSANOVA_CONTROL_FD=%q is not a file descriptor", raw)
		}
		controlChannel.requests = os.NewFile(uintptr(fd), "control")
		controlChannel.replies = bufio.NewReader(os.Stdin)
	}
	request := map[string]interface{}{"op": op}
	for k, v := range args {
		request[k] = v
	}
	line, err := json.Marshal(request)
	if err != nil {
		t.Fatalf("control %s: %v", op, err)
	}
	if _, err := controlChannel.requests.Write(append(line, '\n')); err != nil {
		t.Fatalf("control %s: writing the request: %v", op, err)
	}
	answer, err := controlChannel.replies.ReadBytes('\n')
	if err != nil {
		t.Fatalf("control %s: the runner closed the control channel: %v", op, err)
	}
	var reply struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(answer, &reply); err != nil {
		t.Fatalf("control %s: unreadable answer %q: %v", op, answer, err)
	}
	if !reply.OK {
		t.Fatalf("control %s failed: %s", op, reply.Error)
	}
	return reply.Result
}

// controlNode sends an operation on one node ("stop", "start", "pause", "resume").
func controlNode(t *testing.T, op string, node int) {
	t.Helper()
	control(t, op, map[string]interface{}{"node": node})
}
