import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Public } from '../auth/access.decorator.js';
import type { Actor } from '../auth/actor.js';
import { HttpActor } from '../auth/http-actor.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { MAX_PHOTO_BYTES, isPhotoId, isPhotoVariant } from './photo-rules.js';
import { PHOTO_UPLOADERS, PhotosService, type PhotoLinks } from './photos.service.js';

/** Browsers cannot add this header to a cross-site form post without a preflight (the CSRF rule GraphQL has too). */
export const UPLOAD_HEADER = 'x-civicloop-upload';

/**
 * Photo upload and delivery, the two routes GraphQL does not carry (docs/photos.md):
 * POST /photos — multipart/form-data, one part named `file`, with a resident's or staff
 * member's credential and the `x-civicloop-upload: 1` header; answers the upload id (then
 * given to submitSuggestion / replyToSuggestion as `photoIds`) and signed preview links.
 * GET /photos/:id/(full|thumb).jpg[?exp&sig] — the bytes, as the visibility policy allows.
 */
@Controller('photos')
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Post()
  @Allow(...PHOTO_UPLOADERS)
  async upload(@HttpActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PhotoLinks> {
    if (!request.headers[UPLOAD_HEADER]) throw new ValidationError(msg('photo.uploadCsrf'), UPLOAD_HEADER);
    const links = await this.photos.upload(actor, request.ip, () => readSinglePart(request));
    void reply.status(201).header('cache-control', 'no-store');
    return links;
  }

  @Get(':id/:file')
  @Public()
  async serve(
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const variant = file.endsWith('.jpg') ? file.slice(0, -4) : '';
    if (!isPhotoId(id) || !isPhotoVariant(variant)) throw new NotFoundError('Photo', id);
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const photo = await this.photos.serve(id, variant, { exp: str(query.exp), sig: str(query.sig) });
    await reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', photo.cacheControl)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('cross-origin-resource-policy', 'same-site')
      .send(photo.bytes);
  }
}

/** The one file part of a multipart request, bounded by MAX_PHOTO_BYTES while it streams in. */
async function readSinglePart(request: FastifyRequest): Promise<Buffer> {
  const tooLarge = () => new ValidationError(msg('photo.tooLarge', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 }), 'file', { reason: 'PHOTO_TOO_LARGE' });
  if (!request.isMultipart()) throw new ValidationError(msg('photo.fileMissing'), 'file');
  let part;
  try {
    part = await request.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 2, parts: 3 } });
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new ValidationError(msg('photo.fileMissing'), 'file');
  }
  if (!part || part.fieldname !== 'file') throw new ValidationError(msg('photo.fileMissing'), 'file');
  try {
    return await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
}
