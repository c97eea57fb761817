import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { ClosedLoop1764000100000 } from './1764000100000-closed-loop.js';
import { JobsNotifications1764000450000 } from './1764000450000-jobs-notifications.js';
import { Awards1764000500000 } from './1764000500000-awards.js';
import { PublicSearch1764000600000 } from './1764000600000-public-search.js';
import { DisclosureLedger1764000700000 } from './1764000700000-disclosure-ledger.js';
import { Privacy1764000800000 } from './1764000800000-privacy.js';
import { PrivateText1764000900000 } from './1764000900000-private-text.js';
import { Identity1764000910000 } from './1764000910000-identity.js';
import { SupporterIdentity1764001200000 } from './1764001200000-supporter-identity.js';
import { IntakeChannels1764001300000 } from './1764001300000-intake-channels.js';
import { SatisfactionBasis1764001400000 } from './1764001400000-satisfaction-basis.js';
import { Photos1764001500000 } from './1764001500000-photos.js';
import { PublicFeedIndex1764001600000 } from './1764001600000-public-feed-index.js';
import { JobRetries1764001750000 } from './1764001750000-job-retries.js';

/** Every migration in order. ESM has no glob loading, so they are listed here. */
export const MIGRATIONS = [
  Foundation1764000000000,
  ClosedLoop1764000100000,
  JobsNotifications1764000450000,
  Awards1764000500000,
  PublicSearch1764000600000,
  DisclosureLedger1764000700000,
  Privacy1764000800000,
  PrivateText1764000900000,
  Identity1764000910000,
  SupporterIdentity1764001200000,
  IntakeChannels1764001300000,
  SatisfactionBasis1764001400000,
  Photos1764001500000,
  PublicFeedIndex1764001600000,
  JobRetries1764001750000,
];
