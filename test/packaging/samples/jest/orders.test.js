const cassandra = require('cassandra-driver');
const { clusterFromEnv, resetBetweenTests } = require('cassanova-cluster/testing');

const client = new cassandra.Client(clusterFromEnv().driverOptions());

beforeAll(async () => {
  await client.connect();
  await client.execute("CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  await client.execute('CREATE TABLE IF NOT EXISTS shop.orders (id int PRIMARY KEY, total decimal)');
});
afterAll(() => client.shutdown());

// Every table of the shared cluster emptied before each test; the schema stays.
beforeEach(resetBetweenTests('truncate'));

const count = async () => (await client.execute('SELECT count(*) FROM shop.orders')).first().count.toNumber();

test('records an order', async () => {
  await client.execute('INSERT INTO shop.orders (id, total) VALUES (?, ?)', [1, cassandra.types.BigDecimal.fromString('9.99')], { prepare: true });
  expect(await count()).toBe(1);
});

test('starts from an empty table again', async () => {
  expect(await count()).toBe(0);
});
