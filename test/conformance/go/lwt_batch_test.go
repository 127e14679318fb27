package conformance

// Conditional batches through gocql's ExecuteBatchCAS and MapExecuteBatchCAS: all statements applied or
// none, the rows Cassandra 4.1 returns when the conditions do not hold (one per row read, with its
// primary key; every column after IF NOT EXISTS), the refusals, and concurrent batches on one partition
// through three coordinators (RF 3, SERIAL).

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gocql/gocql"
)

func TestConditionalBatches(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".accounts (owner text, id int, balance int, note text, PRIMARY KEY (owner, id))")
	insert := "INSERT INTO " + ks + ".accounts (owner, id, balance) VALUES (?, ?, ?)"
	insertIf := insert + " IF NOT EXISTS"

	created := session.NewBatch(gocql.LoggedBatch)
	created.Query(insertIf, "ada", 1, 10)
	created.Query(insert, "ada", 2, 20)
	applied, iter, err := session.ExecuteBatchCAS(created.SerialConsistency(gocql.Serial))
	if err != nil || !applied {
		t.Fatalf("first conditional batch: applied %v (%s)", applied, describeErr(err))
	}
	if columns := resultColumns(iter); columns != "[applied]" {
		t.Errorf("columns of an applied batch: %s, want [applied]", columns)
	}
	iter.Close()

	again := session.NewBatch(gocql.LoggedBatch)
	again.Query(insertIf, "ada", 1, 99)
	again.Query(insertIf, "ada", 3, 30)
	current := map[string]interface{}{}
	applied, iter, err = session.MapExecuteBatchCAS(again, current)
	if err != nil || applied {
		t.Fatalf("repeated IF NOT EXISTS: applied %v (%s)", applied, describeErr(err))
	}
	// Every column of the one row that exists; id 3 does not.
	if columns := resultColumns(iter); columns != "[applied],owner,id,balance,note" {
		t.Errorf("columns: %s, want [applied],owner,id,balance,note", columns)
	}
	if current["owner"] != "ada" || current["id"] != 1 || current["balance"] != 10 {
		t.Errorf("current row %v, want ada 1 10", current)
	}
	if iter.MapScan(map[string]interface{}{}) {
		t.Errorf("a second row came back for a row that does not exist")
	}
	iter.Close()

	update := "UPDATE " + ks + ".accounts SET balance = ? WHERE owner = ? AND id = ? IF balance = ?"
	stale := session.NewBatch(gocql.UnloggedBatch)
	stale.Query(update, 11, "ada", 1, 10)
	stale.Query(update, 21, "ada", 2, 99)
	var owner string
	var id, balance int
	applied, iter, err = session.ExecuteBatchCAS(stale.SerialConsistency(gocql.LocalSerial), &owner, &id, &balance)
	if err != nil || applied {
		t.Fatalf("batch with a wrong balance: applied %v (%s)", applied, describeErr(err))
	}
	read := []string{fmt.Sprintf("%s/%d/%d", owner, id, balance)}
	for iter.Scan(&applied, &owner, &id, &balance) {
		read = append(read, fmt.Sprintf("%s/%d/%d", owner, id, balance))
	}
	if err := iter.Close(); err != nil || strings.Join(read, " ") != "ada/1/10 ada/2/20" {
		t.Errorf("rows read: %v (%s), want ada/1/10 ada/2/20", read, describeErr(err))
	}

	fresh := session.NewBatch(gocql.LoggedBatch)
	fresh.Query(update, 11, "ada", 1, 10)
	fresh.Query(update, 21, "ada", 2, 20)
	fresh.Query("UPDATE "+ks+".accounts SET note = ? WHERE owner = ? AND id = ?", "moved", "ada", 1)
	if applied, iter, err = session.ExecuteBatchCAS(fresh); err != nil || !applied {
		t.Fatalf("batch with the right balances: applied %v (%s)", applied, describeErr(err))
	}
	iter.Close()
	var note string
	if err := session.Query("SELECT balance, note FROM "+ks+".accounts WHERE owner = ? AND id = ?", "ada", 1).Scan(&balance, &note); err != nil ||
		balance != 11 || note != "moved" {
		t.Errorf("after the batch: %d %q (%s), want 11 moved", balance, note, describeErr(err))
	}

	spanning := session.NewBatch(gocql.LoggedBatch)
	spanning.Query(insertIf, "bob", 1, 1)
	spanning.Query(insert, "carl", 1, 1)
	_, _, err = session.ExecuteBatchCAS(spanning)
	request := requireCode(t, err, gocql.ErrCodeInvalid, "a conditional batch over two partitions")
	if request.Message() != "Batch with conditions cannot span multiple partitions" {
		t.Errorf("message %q", request.Message())
	}
}

func TestThreeNodesConditionalBatches(t *testing.T) {
	admin := connect(t)
	ks := createKeyspace(t, admin, 3)
	exec(t, admin, "CREATE TABLE "+ks+".slots (k int, slot int, holder text, PRIMARY KEY (k, slot))")
	// One session per coordinator, so that the batches on one partition come through different nodes.
	var sessions []*gocql.Session
	for _, node := range topology(t) {
		sessions = append(sessions, connect(t, onlyHost(node.Address), func(c *gocql.ClusterConfig) {
			c.Consistency = gocql.Quorum
			c.SerialConsistency = gocql.Serial
		}))
	}
	claim := func(session *gocql.Session, k int, holder string) (bool, map[string]interface{}, error) {
		batch := session.NewBatch(gocql.LoggedBatch)
		batch.Query("INSERT INTO "+ks+".slots (k, slot, holder) VALUES (?, 1, ?) IF NOT EXISTS", k, holder)
		batch.Query("INSERT INTO "+ks+".slots (k, slot, holder) VALUES (?, 2, ?) IF NOT EXISTS", k, holder)
		current := map[string]interface{}{}
		applied, iter, err := session.MapExecuteBatchCAS(batch, current)
		if err == nil {
			err = iter.Close()
		}
		return applied, current, err
	}

	// Under contention a round may run out of cas_contention_timeout, as on Cassandra: a CAS write timeout.
	const attempts = 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	var winners, losers []string
	for i := 0; i < attempts; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			applied, current, err := claim(sessions[i%len(sessions)], 1, fmt.Sprintf("holder-%d", i))
			mu.Lock()
			defer mu.Unlock()
			var timeout *gocql.RequestErrWriteTimeout
			switch {
			case err != nil && (!errors.As(err, &timeout) || timeout.WriteType != "CAS"):
				t.Errorf("claim %d: %s", i, describeErr(err))
			case err == nil && applied:
				winners = append(winners, fmt.Sprintf("holder-%d", i))
			case err == nil:
				losers = append(losers, fmt.Sprint(current["holder"]))
			}
		}(i)
	}
	wg.Wait()
	iter := sessions[1].Query("SELECT slot, holder FROM "+ks+".slots WHERE k = 1").Consistency(gocql.All).Iter()
	var slot int
	var holder string
	held := map[string]bool{}
	var rows int
	for iter.Scan(&slot, &holder) {
		held[holder] = true
		rows++
	}
	if err := iter.Close(); err != nil || rows != 2 || len(held) != 1 {
		t.Fatalf("rows at ALL: %d rows held by %v (%s), want both slots held by one claimant", rows, held, describeErr(err))
	}
	if len(winners) > 1 || (len(winners) == 1 && !held[winners[0]]) {
		t.Errorf("winners %v, but the slots are held by %v", winners, held)
	}
	for _, seen := range losers {
		if !held[seen] {
			t.Errorf("a claim that was not applied saw holder %s, the slots are held by %v", seen, held)
		}
	}
	applied, current, err := claim(sessions[2], 1, "late")
	if err != nil || applied || !held[fmt.Sprint(current["holder"])] {
		t.Errorf("a late claim: applied %v, current %v (%s)", applied, current, describeErr(err))
	}
}

// resultColumns lists an iterator's columns, comma-separated.
func resultColumns(iter *gocql.Iter) string {
	var names []string
	for _, c := range iter.Columns() {
		names = append(names, c.Name)
	}
	return strings.Join(names, ",")
}
