import type zh from './zh-CN';

const en: typeof zh = {
  site: { name: 'You suggest, we act', skip: 'Skip to main content', language: '中文', languageLabel: 'Change language' },
  nav: { home: 'Home', suggestions: 'Suggestions', rankings: 'Rankings', statistics: 'Statistics', track: 'Track', me: 'My area' },
  common: {
    loading: 'Loading…', retry: 'Try again', more: 'Load more', none: 'Nothing here yet', back: 'Back', search: 'Search', all: 'All',
    submit: 'Submit', cancel: 'Cancel', confirm: 'Confirm', download: 'Download', year: 'Year', total: '{n} in all', view: 'View',
  },
  home: {
    open: 'Open for suggestions', window: 'Open {from} to {to}', counts: '{received} suggestions received, {replied} replied',
    yearHeading: '{year} so far', latest: 'Latest replies', noneOpen: 'No campaign is open right now.', join: 'Make a suggestion',
  },
  campaign: { suggestions: 'Suggestions and replies', prize: 'Prize', status: 'Status' },
  feed: {
    title: 'Published suggestions', query: 'Keywords', campaign: 'Campaign', unit: 'Responsible unit', category: 'Category', adoption: 'Adoption',
    adopted: 'Adopted (fully or partly)', notAdopted: 'Other decisions', found: '{n} suggestions found', empty: 'No suggestion matches.',
  },
  suggestion: {
    stages: 'Progress', reply: 'Reply', unit: 'Responsible unit', onTime: 'Replied on time', late: 'Replied late', support: 'Me too',
    supported: 'Supported', supportCount: '{n} supporters', signInToSupport: 'Sign in to support it', notFound: 'No published suggestion has this number. It may not be replied yet or not public.',
    submittedAt: 'Submitted', author: 'By', reason: 'Reason',
  },
  track: {
    title: 'Track a suggestion', label: 'Tracking number', hint: 'For example JY2026K7M3Q9X2HF, shown after submitting and in your messages', submit: 'Track',
    notFound: 'No suggestion has this number.', dueAt: 'Reply due', format: 'JY, the year and a code of 10 letters and digits',
  },
  unit: { answered: 'Replied', onTime: 'On-time replies', satisfaction: 'Satisfaction', adopted: 'Adopted', signOnTime: 'Signed on time', items: 'Items handled' },
  rankings: {
    title: 'Rankings', star: 'Best Service Star', citizen: 'Best Citizen Suggestion', departments: 'Departments', counties: 'Counties and districts',
    rank: 'Rank', unitName: 'Unit', composite: 'Score', notRanked: 'Fewer than {n} items: not ranked', explain: 'How the score arose',
    noRound: 'No round has been published yet.', quarter: 'Quarter', chart: 'Scores chart', weights: 'Weights', weightSeparator: ', ',
    weight: { response: 'response', onTime: 'on time', satisfaction: 'satisfaction', adoption: 'adoption', evaluator: 'evaluators' },
  },
  statistics: {
    title: 'Statistics', period: 'Year', byCampaign: 'Suggestions per campaign', received: 'Received', replied: 'Replied', adopted: 'Adopted',
    csv: 'Download CSV', xlsx: 'Download Excel (staff)', disclosure: 'Information disclosure annual report', disclosureLine: '{year}: {sent} disclosure replies, {onTime} on time',
    disclosureDownload: 'Download the report (Excel)',
    disclosureCsv: 'Download the report (CSV)', disclosureTotal: 'Total', disclosureCase: 'Kind', review: 'Administrative review', lawsuitDirect: 'Lawsuit without review', lawsuitAfterReview: 'Lawsuit after review',
    upheld: 'Upheld', corrected: 'Corrected', other: 'Other result', pending: 'Pending', caseTotal: 'Total', staffFiles: 'Staff can download the formal report as Excel and other formats.',
  },
  me: {
    title: 'My area', signIn: 'Sign in with your phone', phone: 'Phone number', code: 'Code', sendCode: 'Send code', resend: 'Resend in {n} s',
    signInButton: 'Sign in', signOut: 'Sign out', hello: 'Hello, {name}', codeSent: 'Code sent',
    tabs: { submit: 'Suggest', mine: 'My suggestions', notices: 'Notices', settings: 'Settings' },
    draftKept: 'Draft saved automatically', submitted: 'Submitted: tracking number {n}', check: 'Check your answers',
  },
  submit: {
    campaign: 'Campaign', category: 'Category', title: 'Title', body: 'Your suggestion', location: 'Place (optional)', consent: 'Publish it (personal details hidden)',
    anonymous: 'Show as anonymous', titleHint: '1–100 characters', bodyHint: '10–5000 characters', submit: 'Submit', noOpen: 'No campaign is open: you cannot submit now.',
    required: 'Enter {field}', tooShort: '{field} needs at least {n} characters', tooLong: '{field} takes at most {n} characters',
  },
  photos: {
    label: 'Photos (optional, up to {max})', hint: 'JPEG, PNG, WebP or HEIC phone photos, at most {mb} MB each; location and camera data are removed on upload.',
    pick: 'Choose photos', take: 'Take a photo', uploading: 'Uploading {n}%', failed: 'Upload failed', retry: 'Retry', remove: 'Remove photo {n}',
    tooMany: 'At most {max} photos', tooLarge: 'A photo may be at most {mb} MB', pending: 'Wait for the photos to finish uploading, or remove the ones that failed', photo: 'Photo {n}',
    open: 'Open photo {n} full size', count: '{n} photos',
    reasons: {
      PHOTO_UNSUPPORTED_TYPE: 'Only JPEG, PNG, WebP or HEIC images can be uploaded', PHOTO_TOO_LARGE: 'This image is too large; choose another', PHOTO_UNDECODABLE: 'This image cannot be read; choose another',
    },
  },
  mine: {
    empty: 'You have not made a suggestion yet.', due: 'Reply due {d}', rate: 'Rate the reply', rateDue: 'Rate it by {d}', withdraw: 'Withdraw',
    withdrawConfirm: 'A withdrawn suggestion is no longer handled. Withdraw it?', withdrawn: 'Withdrawn', rated: 'Rated: {level}', comment: 'Comment (optional)',
    rateSubmit: 'Send rating', reopenNote: '"Unsatisfied" may reopen the suggestion.',
  },
  notices: { unread: '{n} unread', markRead: 'Mark as read', empty: 'No notices.' },
  settings: {
    prefs: 'Notifications', save: 'Save', saved: 'Saved', export: 'Export my data', exportHint: 'Download a JSON file with everything the platform holds about you',
    delete: 'Delete my account', deleteHint: 'Your suggestions stay, without your name, for the statistics. This cannot be undone.', deleteConfirm: 'Delete your account?', deleted: 'Account deleted',
  },
  status: {
    SUBMITTED: 'Submitted', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress', RETURNED: 'Returned', REPLY_REVIEW: 'Reply in review', REPLIED: 'Replied',
    CLOSED: 'Closed', WITHDRAWN: 'Withdrawn', REJECTED: 'Rejected', MERGED: 'Merged',
  },
  adoption: { ADOPTED: 'Adopted', PARTIALLY_ADOPTED: 'Partly adopted', ALREADY_DONE: 'Already done', FOR_REFERENCE: 'For reference', NOT_ADOPTED: 'Not adopted' },
  rating: { SATISFIED: 'Satisfied', BASICALLY_SATISFIED: 'Basically satisfied', UNSATISFIED: 'Unsatisfied' },
  kinds: { PROGRESS: 'Progress', RATING_REQUEST: 'Rating request', RECEIPT: 'Receipt', RESULT: 'Result', DEADLINE: 'Deadline', ESCALATION: 'Escalation' },
  campaignStatus: { DRAFT: 'Draft', OPEN: 'Open', CLOSED: 'Closed', ARCHIVED: 'Archived' },
  fields: { title: 'Title', body: 'Suggestion', category: 'Category', phone: 'Phone number', code: 'Code', location: 'Place', comment: 'Comment', idempotencyKey: 'Submission key', trackingNumber: 'Tracking number' },
  errors: {
    BAD_USER_INPUT: 'Some of what you entered is not valid.', BAD_USER_INPUT_FIELD: '“{field}” is not valid.',
    UNAUTHENTICATED: 'Your session ended or the code is wrong: sign in again.', FORBIDDEN: 'You may not do this.', NOT_FOUND: 'Not found.',
    CONFLICT: 'This suggestion changed meanwhile: reload and try again.', RATE_LIMITED: 'Too many attempts: try again in {seconds} s.',
    GRAPHQL_VALIDATION_FAILED: 'This page is out of date: reload it.', BAD_REQUEST: 'The request was refused: reload the page and try again.',
    SERVICE_UNAVAILABLE: 'The service is busy: try again shortly.', NETWORK: 'The connection was lost: check it and try again.',
    INTERNAL_SERVER_ERROR: 'Something went wrong: try again later.', INTERNAL_WITH_ID: 'Something went wrong: try again later (reference {id}).',
    summary: 'There is a problem',
  },
};
export default en;
