"""Conditional batches through the Python driver, on v4 and v5: BatchStatement with IF NOT EXISTS / IF
conditions (prepared and simple statements), ResultSet.was_applied, the rows Cassandra 4.1 returns when
the conditions do not hold, the serial consistency of the batch, its refusals, and cqlengine's
BatchQuery with if_not_exists() and iff()."""
import unittest

from cassandra import ConsistencyLevel, InvalidRequest
from cassandra.cluster import EXEC_PROFILE_DEFAULT, ExecutionProfile
from cassandra.cqlengine import columns, connection
from cassandra.cqlengine.models import Model
from cassandra.cqlengine.query import BatchQuery, LWTException
from cassandra.policies import DCAwareRoundRobinPolicy
from cassandra.query import BatchStatement, SimpleStatement, dict_factory

from cassanova_support import LOCAL_DC, REQUEST_TIMEOUT_S, KeyspaceFixture, connect, main


class LwtBatchTests(KeyspaceFixture):
    keyspace_prefix = 'py_lwt_batch'
    schema = (
        'CREATE TABLE {ks}.accounts (owner text, id int, balance int, note text, version int static, PRIMARY KEY (owner, id))',
        'CREATE TABLE {ks}.audit (owner text PRIMARY KEY, last text)',
    )

    def owner(self, name):
        return '%s-v%d' % (name, self.protocol_version)

    def prepared(self, cql):
        return self.session.prepare(cql.format(ks=self.ks))

    def balances(self, owner):
        rows = self.session.execute('SELECT id, balance FROM %s.accounts WHERE owner = %%s' % self.ks, (owner,))
        return [(r.id, r.balance) for r in rows]

    def test_insert_if_not_exists_applies_all_or_nothing(self):
        insert_if = self.prepared('INSERT INTO {ks}.accounts (owner, id, balance) VALUES (?, ?, ?) IF NOT EXISTS')
        insert = self.prepared('INSERT INTO {ks}.accounts (owner, id, balance) VALUES (?, ?, ?)')
        ada = self.owner('ada')
        batch = BatchStatement()
        batch.add(insert_if, (ada, 1, 10))
        batch.add(insert, (ada, 2, 20))
        result = self.session.execute(batch)
        self.assertTrue(result.was_applied)
        self.assertEqual(result.column_names, ['[applied]'])

        again = BatchStatement()
        again.add(insert_if, (ada, 1, 99))
        again.add(insert_if, (ada, 3, 30))
        refused = self.session.execute(again)
        self.assertFalse(refused.was_applied)
        # IF NOT EXISTS shows every column of the rows that exist (here only id 1).
        self.assertEqual(refused.column_names, ['[applied]', 'owner', 'id', 'version', 'balance', 'note'])
        self.assertEqual([tuple(r) for r in refused], [(False, ada, 1, None, 10, None)])
        self.assertEqual(self.balances(ada), [(1, 10), (2, 20)])

    def test_failed_conditions_show_each_row_read(self):
        bob = self.owner('bob')
        for i, balance in ((1, 10), (2, 20)):
            self.session.execute('INSERT INTO %s.accounts (owner, id, balance) VALUES (%%s, %%s, %%s)' % self.ks, (bob, i, balance))
        update = 'UPDATE %s.accounts SET balance = %%s WHERE owner = %%s AND id = %%s IF balance = %%s' % self.ks
        batch = BatchStatement(serial_consistency_level=ConsistencyLevel.LOCAL_SERIAL)
        batch.add(SimpleStatement(update), (11, bob, 1, 10))
        batch.add(SimpleStatement(update), (21, bob, 2, 99))
        refused = self.session.execute(batch)
        self.assertFalse(refused.was_applied)
        self.assertEqual(refused.column_names, ['[applied]', 'owner', 'id', 'balance'])
        self.assertEqual([tuple(r) for r in refused], [(False, bob, 1, 10), (False, bob, 2, 20)])

        batch = BatchStatement(serial_consistency_level=ConsistencyLevel.SERIAL)
        batch.add(SimpleStatement(update), (11, bob, 1, 10))
        batch.add(SimpleStatement(update), (21, bob, 2, 20))
        batch.add(SimpleStatement('UPDATE %s.accounts SET version = %%s WHERE owner = %%s' % self.ks), (2, bob))
        self.assertTrue(self.session.execute(batch).was_applied)
        self.assertEqual(self.balances(bob), [(1, 11), (2, 21)])

    def test_static_condition_shows_first_row_of_partition(self):
        carl = self.owner('carl')
        self.session.execute('INSERT INTO %s.accounts (owner, id, balance, version) VALUES (%%s, 5, 50, 1)' % self.ks, (carl,))
        batch = BatchStatement()
        batch.add(self.prepared('UPDATE {ks}.accounts SET version = ? WHERE owner = ? IF version = ?'), (3, carl, 2))
        batch.add(self.prepared('UPDATE {ks}.accounts SET note = ? WHERE owner = ? AND id = ?'), ('x', carl, 6))
        refused = self.session.execute(batch)
        self.assertEqual([tuple(r) for r in refused], [(False, carl, 5, 1)])

    def test_refusals(self):
        insert_if = self.prepared('INSERT INTO {ks}.accounts (owner, id, balance) VALUES (?, ?, ?) IF NOT EXISTS')
        batch = BatchStatement()
        batch.add(insert_if, (self.owner('dora'), 1, 1))
        batch.add(insert_if, (self.owner('eve'), 1, 1))
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute(batch)
        self.assertIn('Batch with conditions cannot span multiple partitions', str(raised.exception))
        batch = BatchStatement()
        batch.add(insert_if, (self.owner('dora'), 1, 1))
        batch.add(self.prepared('INSERT INTO {ks}.audit (owner, last) VALUES (?, ?)'), (self.owner('dora'), 'x'))
        with self.assertRaises(InvalidRequest) as raised:
            self.session.execute(batch)
        self.assertIn('Batch with conditions cannot span multiple tables', str(raised.exception))


class LwtBatchV4Test(LwtBatchTests, unittest.TestCase):
    protocol_version = 4


class LwtBatchV5Test(LwtBatchTests, unittest.TestCase):
    protocol_version = 5


class Slot(Model):
    __table_name__ = 'slots'
    k = columns.Integer(partition_key=True)
    slot = columns.Integer(primary_key=True)
    holder = columns.Text()


class CqlengineBatchQueryTest(KeyspaceFixture, unittest.TestCase):
    """cqlengine renders the batch as BEGIN BATCH … APPLY BATCH text and raises LWTException when it is not applied."""
    keyspace_prefix = 'py_lwt_cqlengine'
    schema = ('CREATE TABLE {ks}.slots (k int, slot int, holder text, PRIMARY KEY (k, slot))',)

    @classmethod
    def setUpClass(cls):
        super(CqlengineBatchQueryTest, cls).setUpClass()
        # cqlengine reads rows as dicts.
        profile = ExecutionProfile(load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=LOCAL_DC),
                                   request_timeout=REQUEST_TIMEOUT_S, row_factory=dict_factory)
        cls.engine_cluster, session = connect(protocol_version=cls.protocol_version,
                                              execution_profiles={EXEC_PROFILE_DEFAULT: profile})
        connection.register_connection('lwt', session=session, default=True)
        Slot.__keyspace__ = cls.ks

    @classmethod
    def tearDownClass(cls):
        connection.unregister_connection('lwt')
        cls.engine_cluster.shutdown()
        super(CqlengineBatchQueryTest, cls).tearDownClass()

    def test_if_not_exists_in_a_batch(self):
        with BatchQuery() as b:
            Slot.batch(b).if_not_exists().create(k=1, slot=1, holder='ada')
            Slot.batch(b).if_not_exists().create(k=1, slot=2, holder='ada')
        with self.assertRaises(LWTException) as raised:
            with BatchQuery() as b:
                Slot.batch(b).if_not_exists().create(k=1, slot=2, holder='bob')
                Slot.batch(b).if_not_exists().create(k=1, slot=3, holder='bob')
        self.assertEqual(raised.exception.existing, {'[applied]': False, 'k': 1, 'slot': 2, 'holder': 'ada'})
        self.assertEqual(sorted((s.slot, s.holder) for s in Slot.objects(k=1)), [(1, 'ada'), (2, 'ada')])

    def test_iff_in_a_batch(self):
        Slot.create(k=2, slot=1, holder='ada')
        with self.assertRaises(LWTException) as raised:
            with BatchQuery() as b:
                Slot.objects(k=2, slot=1).batch(b).iff(holder='bob').update(holder='carl')
        self.assertEqual(raised.exception.existing, {'[applied]': False, 'k': 2, 'slot': 1, 'holder': 'ada'})
        with BatchQuery() as b:
            Slot.objects(k=2, slot=1).batch(b).iff(holder='ada').update(holder='carl')
            Slot.batch(b).create(k=2, slot=2, holder='carl')
        self.assertEqual(sorted((s.slot, s.holder) for s in Slot.objects(k=2)), [(1, 'carl'), (2, 'carl')])


if __name__ == '__main__':
    main()
