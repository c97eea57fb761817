import { computed, onBeforeUnmount, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { PHOTO_LIMITS, uploadPhoto } from '../api/upload';
import { photoErrorMessage } from '../api/errors';

/** One photo of a form: a local preview while it uploads, the api's thumbnail and id once done. */
export interface PhotoItem {
  key: string;
  file?: File;
  /** A local preview (object URL) while uploading; the api's thumbnail once done. */
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  percent: number;
  id?: string;
  error?: string;
}

/**
 * The upload list behind the resident's picker and the unit's reply photos: each file is checked
 * against the limits and sent at once (progress kept per photo); a failed one can be sent again or
 * removed. `problem` receives the message for the whole list (too many, too large), or null.
 */
export function usePhotoUploads(model: Ref<PhotoItem[]>, problem: (message: string | null) => void) {
  const { t } = useI18n();
  const remaining = computed(() => PHOTO_LIMITS.maxCount - model.value.length);
  const mb = PHOTO_LIMITS.maxBytes / 1024 / 1024;
  const objectUrls = new Set<string>();

  function patch(key: string, change: Partial<PhotoItem>): void {
    const item = model.value.find((p) => p.key === key);
    if (item) Object.assign(item, change);
  }

  async function send(key: string): Promise<void> {
    const item = model.value.find((p) => p.key === key);
    if (!item?.file) return;
    patch(key, { status: 'uploading', percent: 0, error: undefined });
    try {
      const done = await uploadPhoto(item.file, (percent) => patch(key, { percent }));
      patch(key, { status: 'done', percent: 100, id: done.id, preview: done.thumbnailUrl });
    } catch (err) {
      patch(key, { status: 'failed', error: photoErrorMessage(err) });
    }
  }

  function add(files: File[]): void {
    problem(files.length > remaining.value ? t('photos.tooMany', { max: PHOTO_LIMITS.maxCount }) : null);
    for (const file of files.slice(0, Math.max(0, remaining.value))) {
      if (file.size > PHOTO_LIMITS.maxBytes) {
        problem(t('photos.tooLarge', { mb }));
        continue;
      }
      const preview = URL.createObjectURL(file);
      objectUrls.add(preview);
      const item: PhotoItem = { key: crypto.randomUUID(), file, preview, status: 'uploading', percent: 0 };
      // In place: the parent's array changes now (a reassigned v-model reaches the prop only on the next render).
      model.value.push(item);
      void send(item.key);
    }
  }

  function remove(key: string): void {
    const at = model.value.findIndex((p) => p.key === key);
    if (at >= 0) model.value.splice(at, 1);
    problem(null);
  }

  onBeforeUnmount(() => objectUrls.forEach((u) => URL.revokeObjectURL(u)));
  return { remaining, mb, add, send, remove };
}
