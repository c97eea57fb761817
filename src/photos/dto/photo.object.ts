import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { FULL_MAX_SIDE, SIGNED_URL_TTL_SECONDS, THUMB_MAX_SIDE } from '../photo-rules.js';

@ObjectType('Photo', {
  description:
    'A photo on a suggestion or a reply, re-encoded by the server as JPEG with no EXIF, GPS or other metadata. ' +
    'URLs are paths on the API’s origin: open while the item is public (published with consent), otherwise ' +
    `signed for the readers with standing and valid for about ${SIGNED_URL_TTL_SECONDS / 60} minutes (fetch the item again for fresh ones).`,
})
export class PhotoObject {
  @Field(() => ID, { description: 'The upload id' }) id: string;
  @Field({ description: `Full-size image, longest side at most ${FULL_MAX_SIDE} px` }) url: string;
  @Field({ description: `Thumbnail for lists, longest side at most ${THUMB_MAX_SIDE} px` }) thumbnailUrl: string;
  @Field(() => Int, { description: 'Width of the full-size image, px' }) width: number;
  @Field(() => Int, { description: 'Height of the full-size image, px' }) height: number;
}
