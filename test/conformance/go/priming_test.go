package conformance

import (
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"testing"

	"github.com/gocql/gocql"
)

// activityRecord is what GET /activity tells of one request (the fields this test reads).
type activityRecord struct {
	Opcode      string        `json:"opcode"`
	Query       string        `json:"query"`
	Values      []interface{} `json:"values"`
	Consistency string        `json:"consistency"`
	Primed      *int          `json:"primed"`
	Outcome     struct {
		Type  string `json:"type"`
		Error string `json:"error"`
	} `json:"outcome"`
}

// A WriteTimeout primed through the admin API reaches gocql as *gocql.RequestErrWriteTimeout with the
// primed fields at the consistency gocql asked for; GET /activity then shows gocql's EXECUTE, primed,
// with its consistency and bound values. Used up, the prime lets the next write through.
func TestThreeNodesPrimedWriteTimeout(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 3)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY, v text)")
	insert := "INSERT INTO " + ks + ".kv (k, v) VALUES (?, ?)"
	admin(t, "DELETE", "/activity", nil)
	var prime struct {
		ID int `json:"id"`
	}
	answer := admin(t, "POST", "/primes", map[string]interface{}{
		"when":  map[string]interface{}{"query": insert},
		"then":  map[string]interface{}{"error": "WRITE_TIMEOUT", "received": 1, "blockFor": 2, "writeType": "SIMPLE"},
		"times": 1,
	})
	if err := json.Unmarshal(answer, &prime); err != nil || prime.ID < 1 {
		t.Fatalf("POST /primes answered %s (%v)", answer, err)
	}

	err := session.Query(insert, 7, "primed").Consistency(gocql.LocalQuorum).Exec()
	var timeout *gocql.RequestErrWriteTimeout
	if !errors.As(err, &timeout) {
		t.Fatalf("primed INSERT: want *gocql.RequestErrWriteTimeout, got %s", describeErr(err))
	}
	if timeout.Consistency != gocql.LocalQuorum || timeout.Received != 1 || timeout.BlockFor != 2 || timeout.WriteType != "SIMPLE" {
		t.Errorf("write timeout %s, want LOCAL_QUORUM received 1 blockFor 2 SIMPLE", errorFields(err))
	}
	if want := "Operation timed out - received only 1 responses."; timeout.Message() != want {
		t.Errorf("message %q, want %q", timeout.Message(), want)
	}
	exec(t, session, "INSERT INTO "+ks+".kv (k, v) VALUES (?, ?)", 8, "real")

	var activity struct {
		Records []activityRecord `json:"records"`
	}
	path := "/activity?opcode=EXECUTE&match=" + url.QueryEscape("^"+regexp.QuoteMeta(insert)+"$")
	if err := json.Unmarshal(admin(t, "GET", path, nil), &activity); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if len(activity.Records) != 2 {
		t.Fatalf("GET %s: want gocql's two EXECUTEs, got %+v", path, activity.Records)
	}
	primed, real := activity.Records[0], activity.Records[1]
	if primed.Consistency != "LOCAL_QUORUM" || primed.Primed == nil || *primed.Primed != prime.ID ||
		primed.Outcome.Type != "ERROR" || primed.Outcome.Error != "WRITE_TIMEOUT" || len(primed.Values) != 2 || primed.Values[1] != "primed" {
		t.Errorf("the primed request's record: %+v (prime %d)", primed, prime.ID)
	}
	if real.Consistency != "ONE" || real.Primed != nil || real.Outcome.Type != "RESULT" {
		t.Errorf("the next request's record: %+v", real)
	}
}
