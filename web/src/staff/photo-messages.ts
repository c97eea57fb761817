import { i18n } from '../i18n';

// Words of the staff photo upload (a unit's reply photos); the shared ones (retry, remove, reasons)
// are the resident's `photos.*`. Merged when the unit item page loads.
i18n.global.mergeLocaleMessage('zh-CN', {
  staffPhotos: {
    label: '答复图片（可选，最多 {max} 张）', hint: 'JPEG、PNG、WebP 或 HEIC，每张不超过 {mb} MB；上传后去除拍摄地点等信息，答复公开后公众可见。',
    choose: '选择图片', itemPhotos: '建议图片', progress: '第 {n} 张图片上传进度',
  },
});
i18n.global.mergeLocaleMessage('en', {
  staffPhotos: {
    label: 'Photos for the reply (optional, up to {max})', hint: 'JPEG, PNG, WebP or HEIC, at most {mb} MB each; location and camera data are removed, and the public sees them once the reply is published.',
    choose: 'Choose photos', itemPhotos: 'Photos of the suggestion', progress: 'Upload progress of photo {n}',
  },
});
