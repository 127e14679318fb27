package conformance

// User-defined functions and aggregates through gocql: calls in queries, FUNCTION_FAILURE as gocql's
// typed error, and session.KeyspaceMetadata's Functions and Aggregates as gocql reads them from
// system_schema.functions and system_schema.aggregates (initcond as CQL text).

import (
	"reflect"
	"testing"

	"github.com/gocql/gocql"
)

func TestUserDefinedFunctionMetadata(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE FUNCTION "+ks+".plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'")
	exec(t, session, "CREATE FUNCTION "+ks+".acc(state tuple<int, bigint>, v int) CALLED ON NULL INPUT RETURNS tuple<int, bigint> "+
		"LANGUAGE javascript AS 'if (v !== null) { state[0] += 1; state[1] += v; } state'")
	exec(t, session, "CREATE FUNCTION "+ks+".mean(state tuple<int, bigint>) CALLED ON NULL INPUT RETURNS double "+
		"LANGUAGE javascript AS 'state[0] === 0 ? null : state[1] / state[0]'")
	// gocql 1.3.2 dereferences the final function of every aggregate: each one here has one.
	exec(t, session, "CREATE AGGREGATE "+ks+".average(int) SFUNC acc STYPE tuple<int, bigint> FINALFUNC mean INITCOND (0, 0)")

	meta, err := session.KeyspaceMetadata(ks)
	if err != nil {
		t.Fatalf("KeyspaceMetadata(%s): %s", ks, describeErr(err))
	}
	plus := meta.Functions["plus"]
	if plus == nil {
		t.Fatalf("no function plus in %v", keys(meta.Functions))
	}
	if plus.Keyspace != ks || plus.Body != "return a + b;" || plus.Language != "java" || plus.CalledOnNullInput {
		t.Errorf("function plus: %+v", plus)
	}
	if !reflect.DeepEqual(plus.ArgumentNames, []string{"a", "b"}) || plus.ReturnType.Type() != gocql.TypeInt {
		t.Errorf("plus arguments %v, return type %v", plus.ArgumentNames, plus.ReturnType)
	}
	if len(plus.ArgumentTypes) != 2 || plus.ArgumentTypes[0].Type() != gocql.TypeInt {
		t.Errorf("plus argument types %v", plus.ArgumentTypes)
	}
	average := meta.Aggregates["average"]
	if average == nil {
		t.Fatalf("no aggregate average in %v", keys(meta.Aggregates))
	}
	if average.InitCond != "(0, 0)" || average.StateFunc.Name != "acc" || average.FinalFunc.Name != "mean" {
		t.Errorf("aggregate average: init %q, state %q, final %q", average.InitCond, average.StateFunc.Name, average.FinalFunc.Name)
	}
	if average.StateType.Type() != gocql.TypeTuple || average.ReturnType.Type() != gocql.TypeDouble {
		t.Errorf("aggregate average: state type %v, return type %v", average.StateType, average.ReturnType)
	}

	exec(t, session, "CREATE TABLE "+ks+".t (k int, c int, v int, PRIMARY KEY (k, c))")
	for c := 0; c < 4; c++ {
		exec(t, session, "INSERT INTO "+ks+".t (k, c, v) VALUES (1, ?, ?)", c, c*10)
	}
	var sum int
	var mean float64
	if err := session.Query("SELECT plus(c, v), average(v) FROM "+ks+".t WHERE k = 1 AND c = 3").Scan(&sum, &mean); err != nil {
		t.Fatalf("select: %s", describeErr(err))
	}
	if sum != 33 || mean != 30 {
		t.Errorf("plus(c, v) %d, average(v) %v; want 33 and 30", sum, mean)
	}
	if err := session.Query("SELECT average(v) FROM " + ks + ".t WHERE k = 1").Scan(&mean); err != nil || mean != 15 {
		t.Errorf("average over the partition: %v %s", mean, describeErr(err))
	}

	// A replaced function is seen after the SCHEMA_CHANGE event refreshes gocql's cache.
	exec(t, session, "CREATE OR REPLACE FUNCTION "+ks+".plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a - b;'")
	waitUntil(t, "the new body of plus in gocql's metadata", func() bool {
		meta, err := session.KeyspaceMetadata(ks)
		return err == nil && meta.Functions["plus"] != nil && meta.Functions["plus"].Body == "return a - b;"
	})
}

func TestUserDefinedFunctionFailure(t *testing.T) {
	session := connect(t)
	ks := createKeyspace(t, session, 1)
	exec(t, session, "CREATE FUNCTION "+ks+".div(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a / b;'")
	var n int
	err := session.Query("SELECT " + ks + ".div(1, 0) FROM system.local").Scan(&n)
	requireCode(t, err, gocql.ErrCodeFunctionFailure, "division by zero in a UDF")
	failure, ok := err.(*gocql.RequestErrFunctionFailure)
	if !ok {
		t.Fatalf("error %T, want *gocql.RequestErrFunctionFailure", err)
	}
	if failure.Keyspace != ks || failure.Function != "div" || !reflect.DeepEqual(failure.ArgTypes, []string{"int", "int"}) {
		t.Errorf("function failure fields: %+v", failure)
	}
	err = session.Query("CREATE FUNCTION " + ks + ".div(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'").Exec()
	requireCode(t, err, gocql.ErrCodeInvalid, "an existing function")
}
