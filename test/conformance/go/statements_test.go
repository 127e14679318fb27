package conformance

// Statements through gocql's everyday API: CRUD with prepared statements (gocql prepares every
// statement that has bound values), timestamps and TTLs, counters, paging, batches.

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/gocql/gocql"
)

func TestCrudWithPreparedStatements(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".users (id uuid PRIMARY KEY, name text, age int, emails set<text>)")
	id := gocql.TimeUUID()
	exec(t, session, "INSERT INTO "+ks+".users (id, name, age, emails) VALUES (?, ?, ?, ?)", id, "ada", 36, []string{"a@x", "b@x"})

	var name string
	var age int
	var emails []string
	selectUser := "SELECT name, age, emails FROM " + ks + ".users WHERE id = ?"
	if err := session.Query(selectUser, id).Scan(&name, &age, &emails); err != nil {
		t.Fatalf("SELECT: %s", describeErr(err))
	}
	if name != "ada" || age != 36 || !reflect.DeepEqual(emails, []string{"a@x", "b@x"}) {
		t.Fatalf("read back (%q, %d, %v)", name, age, emails)
	}

	exec(t, session, "UPDATE "+ks+".users SET age = ?, emails = emails + ? WHERE id = ?", 37, []string{"c@x"}, id)
	if err := session.Query(selectUser, id).Scan(&name, &age, &emails); err != nil {
		t.Fatalf("SELECT after UPDATE: %s", describeErr(err))
	}
	if age != 37 || !reflect.DeepEqual(emails, []string{"a@x", "b@x", "c@x"}) {
		t.Fatalf("after UPDATE: age %d emails %v", age, emails)
	}

	row := map[string]interface{}{}
	if err := session.Query("SELECT * FROM "+ks+".users WHERE id = ?", id).MapScan(row); err != nil {
		t.Fatalf("MapScan: %s", describeErr(err))
	}
	if row["id"] != id || row["name"] != "ada" || row["age"] != 37 {
		t.Errorf("MapScan row %v", row)
	}

	exec(t, session, "DELETE emails FROM "+ks+".users WHERE id = ?", id)
	emails = []string{"stale"}
	if err := session.Query(selectUser, id).Scan(&name, &age, &emails); err != nil || len(emails) != 0 {
		t.Fatalf("after deleting emails: %v (%s)", emails, describeErr(err))
	}
	exec(t, session, "DELETE FROM "+ks+".users WHERE id = ?", id)
	if err := session.Query(selectUser, id).Scan(&name, &age, &emails); err != gocql.ErrNotFound {
		t.Fatalf("SELECT of a deleted row: %s, want gocql.ErrNotFound", describeErr(err))
	}
}

func TestTimestampsTtlsAndCounters(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int PRIMARY KEY, v text)")
	exec(t, session, "CREATE TABLE "+ks+".hits (page text PRIMARY KEY, n counter)")

	stamp := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC).UnixNano() / 1000
	if err := session.Query("INSERT INTO "+ks+".kv (k, v) VALUES (?, ?) USING TTL 3600", 1, "new").WithTimestamp(stamp).Exec(); err != nil {
		t.Fatalf("INSERT with a timestamp: %s", describeErr(err))
	}
	// An older write loses to the newer one, whatever the order of arrival.
	if err := session.Query("INSERT INTO "+ks+".kv (k, v) VALUES (?, ?)", 1, "old").WithTimestamp(stamp - 1).Exec(); err != nil {
		t.Fatalf("INSERT with an older timestamp: %s", describeErr(err))
	}
	var v string
	var writetime int64
	var ttl int
	if err := session.Query("SELECT v, writetime(v), ttl(v) FROM "+ks+".kv WHERE k = ?", 1).Scan(&v, &writetime, &ttl); err != nil {
		t.Fatalf("SELECT writetime, ttl: %s", describeErr(err))
	}
	if v != "new" || writetime != stamp || ttl <= 3500 || ttl > 3600 {
		t.Errorf("v %q writetime %d ttl %d, want \"new\" %d and about 3600", v, writetime, ttl, stamp)
	}

	for i := 0; i < 5; i++ {
		exec(t, session, "UPDATE "+ks+".hits SET n = n + ? WHERE page = ?", int64(i+1), "home")
	}
	exec(t, session, "UPDATE "+ks+".hits SET n = n - 3 WHERE page = ?", "home")
	var n int64
	if err := session.Query("SELECT n FROM "+ks+".hits WHERE page = ?", "home").Scan(&n); err != nil || n != 12 {
		t.Fatalf("counter: %d (%s), want 12", n, describeErr(err))
	}
}

// Paging with PageSize: automatic (the Iter fetches the next pages) and by hand (PageState), also from
// another session; every row comes once, in clustering order within a partition.
func TestPaging(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".wide (k int, c int, v text, PRIMARY KEY (k, c))")
	const partitions, perPartition = 5, 61
	insert := session.Query("INSERT INTO " + ks + ".wide (k, c, v) VALUES (?, ?, ?)")
	for k := 0; k < partitions; k++ {
		for c := 0; c < perPartition; c++ {
			if err := insert.Bind(k, c, fmt.Sprintf("v%d", c)).Exec(); err != nil {
				t.Fatalf("INSERT: %s", describeErr(err))
			}
		}
	}

	// Automatic paging inside one partition: clustering order, all rows.
	iter := session.Query("SELECT c FROM "+ks+".wide WHERE k = ?", 2).PageSize(7).Iter()
	var c int
	var got []int
	for iter.Scan(&c) {
		got = append(got, c)
	}
	if err := iter.Close(); err != nil {
		t.Fatalf("paging a partition: %s", describeErr(err))
	}
	if len(got) != perPartition || !sort.IntsAreSorted(got) {
		t.Fatalf("paging a partition gave %d rows %v", len(got), got)
	}

	// By hand over the whole table, each page resumed from the last page state by a new session.
	other := connect(t)
	seen := map[[2]int]bool{}
	var state []byte
	pages := 0
	for {
		sess := session
		if pages%2 == 1 {
			sess = other
		}
		iter := sess.Query("SELECT k, c FROM " + ks + ".wide").PageSize(50).PageState(state).Iter()
		if iter.NumRows() > 50 {
			t.Fatalf("page %d has %d rows, more than the page size 50", pages, iter.NumRows())
		}
		state = iter.PageState()
		var k int
		for iter.Scan(&k, &c) {
			key := [2]int{k, c}
			if seen[key] {
				t.Fatalf("row %v came twice (page %d)", key, pages)
			}
			seen[key] = true
		}
		if err := iter.Close(); err != nil {
			t.Fatalf("page %d: %s", pages, describeErr(err))
		}
		pages++
		if len(state) == 0 {
			break
		}
		if pages > partitions*perPartition {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != partitions*perPartition || pages < partitions*perPartition/50 {
		t.Fatalf("%d pages gave %d distinct rows, want %d", pages, len(seen), partitions*perPartition)
	}
}

func TestBatches(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE TABLE "+ks+".kv (k int, c int, v text, PRIMARY KEY (k, c))")
	exec(t, session, "CREATE TABLE "+ks+".hits (k int PRIMARY KEY, n counter)")

	logged := session.NewBatch(gocql.LoggedBatch)
	for c := 0; c < 10; c++ {
		logged.Query("INSERT INTO "+ks+".kv (k, c, v) VALUES (?, ?, ?)", c%3, c, "logged")
	}
	logged.Query("UPDATE " + ks + ".kv SET v = 'literal' WHERE k = 0 AND c = 0")
	if err := session.ExecuteBatch(logged); err != nil {
		t.Fatalf("logged batch: %s", describeErr(err))
	}
	unlogged := session.NewBatch(gocql.UnloggedBatch)
	unlogged.WithTimestamp(42)
	unlogged.Query("INSERT INTO "+ks+".kv (k, c, v) VALUES (?, ?, ?)", 7, 1, "unlogged")
	unlogged.Query("DELETE FROM "+ks+".kv WHERE k = ? AND c = ?", 1, 1)
	if err := session.ExecuteBatch(unlogged); err != nil {
		t.Fatalf("unlogged batch: %s", describeErr(err))
	}
	counters := session.NewBatch(gocql.CounterBatch)
	counters.Query("UPDATE "+ks+".hits SET n = n + ? WHERE k = ?", int64(5), 1)
	counters.Query("UPDATE "+ks+".hits SET n = n + ? WHERE k = ?", int64(2), 1)
	if err := session.ExecuteBatch(counters); err != nil {
		t.Fatalf("counter batch: %s", describeErr(err))
	}

	var count int64
	if err := session.Query("SELECT count(*) FROM " + ks + ".kv").Scan(&count); err != nil || count != 11 {
		t.Fatalf("count(*) %d (%s), want 11", count, describeErr(err))
	}
	var v string
	var writetime int64
	if err := session.Query("SELECT v, writetime(v) FROM "+ks+".kv WHERE k = ? AND c = ?", 7, 1).Scan(&v, &writetime); err != nil {
		t.Fatalf("reading the unlogged batch's row: %s", describeErr(err))
	}
	if v != "unlogged" || writetime != 42 {
		t.Errorf("unlogged batch row: %q written at %d, want 42", v, writetime)
	}
	// Both writes of (0, 0) carry the batch's timestamp: as in Cassandra, the greater value wins the tie.
	if err := session.Query("SELECT v FROM "+ks+".kv WHERE k = ? AND c = ?", 0, 0).Scan(&v); err != nil || v != "logged" {
		t.Errorf("a cell written twice by one batch: %q (%s), want \"logged\" (> \"literal\")", v, describeErr(err))
	}
	// The unlogged batch's DELETE carries timestamp 42, older than the logged batch's write: the row stays.
	if err := session.Query("SELECT v FROM "+ks+".kv WHERE k = ? AND c = ?", 1, 1).Scan(&v); err != nil {
		t.Errorf("row (1, 1): %s", describeErr(err))
	}
	var n int64
	if err := session.Query("SELECT n FROM "+ks+".hits WHERE k = ?", 1).Scan(&n); err != nil || n != 7 {
		t.Errorf("counter after the batch: %d (%s), want 7", n, describeErr(err))
	}

	mixed := session.NewBatch(gocql.LoggedBatch)
	mixed.Query("INSERT INTO "+ks+".kv (k, c, v) VALUES (?, ?, ?)", 1, 1, "x")
	mixed.Query("UPDATE "+ks+".hits SET n = n + ? WHERE k = ?", int64(1), 1)
	err := session.ExecuteBatch(mixed)
	requireCode(t, err, gocql.ErrCodeInvalid, "a logged batch with a counter update")
	// Cassandra 4.x checks the mix of counter and other statements before the batch's type
	// (BatchStatement.validate); 3.x checked each statement against the type first.
	if want := "Counter and non-counter mutations cannot exist in the same batch"; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}
