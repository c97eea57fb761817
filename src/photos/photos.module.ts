import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PhotosController } from './photos.controller.js';
import { PhotosJobs } from './photos.jobs.js';
import { PhotosService } from './photos.service.js';
import { PublicReplyPhotosResolver, PublicSuggestionPhotosResolver, ReplyPhotosResolver, SuggestionPhotosResolver } from './photo-fields.resolver.js';
import { createPhotoStorage } from './storage/create-storage.js';
import { PHOTO_STORAGE } from './storage/photo-storage.js';

/** Photos on suggestions and replies (issue 19 §1, docs/photos.md). Global: intake and account deletion use it. */
@Global()
@Module({
  controllers: [PhotosController],
  providers: [
    { provide: PHOTO_STORAGE, useFactory: (config: AppConfig) => createPhotoStorage(config.storage), inject: [APP_CONFIG] },
    PhotosService,
    PhotosJobs,
    SuggestionPhotosResolver,
    ReplyPhotosResolver,
    PublicSuggestionPhotosResolver,
    PublicReplyPhotosResolver,
  ],
  exports: [PhotosService, PHOTO_STORAGE],
})
export class PhotosModule {}
