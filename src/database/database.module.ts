import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.js';
import { ReadRouting, RoutedDataSource } from './read-routing.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        migrationsRun: config.migrationsRun,
        migrationsTransactionMode: 'each' as const,
      }),
      // Replicas: reads outside a transaction go where ReadRouting says (default: the primary).
      dataSourceFactory: async (options) =>
        options && 'replication' in options && options.replication ? new RoutedDataSource(options) : new DataSource(options!),
    }),
  ],
  providers: [Transactions, ReadRouting],
  exports: [Transactions, ReadRouting],
})
export class DatabaseModule {}
