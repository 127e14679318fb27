package conformance

// The admin HTTP API of a cluster of the test's own, reached with net/http as any Go test suite would:
// the runner (go-driver.test.ts) passes its URL in CASSANOVA_ADMIN_URL.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"testing"
	"time"
)

var adminClient = &http.Client{Timeout: 10 * time.Second}

// admin sends one request to the admin API (body as JSON, unless nil) and returns the answer's body; the
// test fails on an error status, and is skipped when the cluster has no admin API.
func admin(t *testing.T, method, path string, body interface{}) json.RawMessage {
	t.Helper()
	base := os.Getenv("CASSANOVA_ADMIN_URL")
	if base == "" {
		t.Skip("needs a cluster of its own with its admin API, started by go-driver.test.ts (CASSANOVA_ADMIN_URL)")
	}
	var payload io.Reader
	if body != nil {
		encoded, err := json.Marshal(body)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		payload = bytes.NewReader(encoded)
	}
	request, err := http.NewRequest(method, base+path, payload)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if body != nil {
		request.Header.Set("Content-Type", "application/json")
	}
	response, err := adminClient.Do(request)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer response.Body.Close()
	answer, err := io.ReadAll(response.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	if response.StatusCode >= 300 {
		t.Fatalf("%s %s answered %d: %s", method, path, response.StatusCode, answer)
	}
	return answer
}
