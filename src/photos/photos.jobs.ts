import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { PhotosService } from './photos.service.js';

@Injectable()
export class PhotosJobs {
  constructor(private readonly photos: PhotosService) {}

  @OnJob('photos.discard-unattached')
  async discardUnattached(payload: JobPayloads['photos.discard-unattached']): Promise<void> {
    await this.photos.discardIfUnattached(payload.photoId);
  }
}
