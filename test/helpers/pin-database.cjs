// With TEST_DB=both (npm run test:db) one jest run holds the SQLite and the MariaDB projects, and
// its workers take files of either. Each file pins its project's database (jest.config.js puts it
// in `globals`) before it imports anything; jest gives every file its own copy of process.env.
process.env.TEST_DB = globalThis.__TEST_DB__;
