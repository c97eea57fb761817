import { Module } from '@nestjs/common';
import { CallbacksJobs } from './callbacks.jobs.js';
import { CallbacksResolver } from './callbacks.resolver.js';
import { CallbacksService } from './callbacks.service.js';
import { CallbackTaskView } from './dto/callback-task-view.js';

/** The office's follow-up call list (回访), fed by the callback.create job after each reply. */
@Module({ providers: [CallbacksService, CallbackTaskView, CallbacksResolver, CallbacksJobs], exports: [CallbacksService] })
export class CallbacksModule {}
