// `npm run migration:run`: applies pending migrations to the configured database and exits.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

const config = loadConfig();
const dataSource = new DataSource({ ...dataSourceOptions(config), migrationsTransactionMode: 'each' });
await dataSource.initialize();
const applied = await dataSource.runMigrations();
console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Schema is up to date');
await dataSource.destroy();
