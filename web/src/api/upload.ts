import { ApiError, type ApiErrorCode } from './client';

// Photo uploads go to POST /photos (multipart), not GraphQL: the api answers an upload id that the
// submission then names in `photoIds`. XMLHttpRequest rather than fetch, for upload progress.
// Same-origin, with the session cookie; the x-civicloop-upload header is the api's CSRF rule.

export interface UploadedPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

/** The api's limits (PhotoObject / SubmitSuggestionInput.photoIds in schema.gql). */
export const PHOTO_LIMITS = { maxCount: 4, maxBytes: 10 * 1024 * 1024 } as const;

/** A refused upload: the api's code plus its reason (PHOTO_UNSUPPORTED_TYPE, PHOTO_TOO_LARGE, PHOTO_UNDECODABLE). */
export class UploadError extends ApiError {
  constructor(code: ApiErrorCode, readonly reason?: string) {
    super(code, reason ?? code);
  }
}

export function uploadPhoto(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/photos');
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-civicloop-upload', '1');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new UploadError('NETWORK'));
    xhr.onabort = () => reject(new UploadError('NETWORK'));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 && body?.id) return resolve(body as UploadedPhoto);
      const code = (body?.error?.code ?? (xhr.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR')) as ApiErrorCode;
      reject(new UploadError(code, body?.error?.reason));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name || 'photo');
    xhr.send(form);
  });
}

function parse(text: string): (Partial<UploadedPhoto> & { error?: { code?: string; reason?: string } }) | null {
  try {
    return JSON.parse(text) as ReturnType<typeof parse>;
  } catch {
    return null;
  }
}
