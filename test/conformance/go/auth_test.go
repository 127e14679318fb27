package conformance

// PasswordAuthenticator as gocql uses it (gocql.PasswordAuthenticator over SASL PLAIN), on a three-node
// cluster of the test's own started with authenticator PasswordAuthenticator (the TestPasswordAuth shape).

import (
	"errors"
	"strings"
	"testing"

	"github.com/gocql/gocql"
)

func withLogin(user, password string) func(*gocql.ClusterConfig) {
	return func(c *gocql.ClusterConfig) {
		c.Authenticator = gocql.PasswordAuthenticator{Username: user, Password: password}
	}
}

func TestPasswordAuthLogsInAsTheDefaultSuperuser(t *testing.T) {
	session := connect(t, withLogin("cassandra", "cassandra"))
	var superuser, login bool
	if err := session.Query("SELECT is_superuser, can_login FROM system_auth.roles WHERE role = 'cassandra'").Scan(&superuser, &login); err != nil {
		t.Fatalf("reading the default role: %s", describeErr(err))
	}
	if !superuser || !login {
		t.Fatalf("cassandra: is_superuser=%v can_login=%v, want both true", superuser, login)
	}
}

func TestPasswordAuthRefusesAWrongPassword(t *testing.T) {
	cluster := newClusterConfig(t)
	withLogin("cassandra", "wrong")(cluster)
	session, err := cluster.CreateSession()
	if err == nil {
		session.Close()
		t.Fatal("a wrong password logged in")
	}
	if !strings.Contains(err.Error(), "Provided username cassandra and/or password are incorrect") {
		t.Fatalf("want Cassandra's authentication message, got %s", describeErr(err))
	}
}

func TestPasswordAuthRoleCreatedOnOneNodeLogsInAtAnother(t *testing.T) {
	nodes := topology(t)
	if len(nodes) < 3 {
		t.Fatalf("want three nodes, got %d", len(nodes))
	}
	admin := connect(t, withLogin("cassandra", "cassandra"), onlyHost(nodes[0].Address))
	for _, statement := range []string{
		"CREATE ROLE go_user WITH PASSWORD = 'go-secret' AND LOGIN = true",
		"CREATE ROLE go_group",
		"GRANT go_group TO go_user",
	} {
		if err := admin.Query(statement).Exec(); err != nil {
			t.Fatalf("%s: %s", statement, describeErr(err))
		}
	}
	user := connect(t, withLogin("go_user", "go-secret"), onlyHost(nodes[2].Address))
	iter := user.Query("LIST ROLES OF go_user").Iter()
	var names []string
	var role, datacenters string
	var super, login bool
	var options map[string]string
	for iter.Scan(&role, &super, &login, &options, &datacenters) {
		names = append(names, role)
	}
	if err := iter.Close(); err != nil {
		t.Fatalf("LIST ROLES: %s", describeErr(err))
	}
	if strings.Join(names, ",") != "go_group,go_user" {
		t.Fatalf("LIST ROLES OF go_user: %v", names)
	}
	err := user.Query("CREATE ROLE go_boss WITH SUPERUSER = true").Exec()
	var request gocql.RequestError
	if err == nil || !errors.As(err, &request) || request.Code() != gocql.ErrCodeUnauthorized {
		t.Fatalf("a non-superuser created a superuser: %s", describeErr(err))
	}
}
