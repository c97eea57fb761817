import { ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ValidationError } from '../common/errors.js';
import { isMessageKey, msg, type Message, type MessageKey } from '../common/i18n/message.js';
import { trimInputStrings } from './trim-inputs.js';

interface Problem {
  field: string;
  constraint: string;
  text: string;
  target?: object;
  property: string;
}

function firstProblem(errors: ClassValidationError[], prefix = ''): Problem | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const [constraint, text] = Object.entries(e.constraints ?? {})[0] ?? [];
    if (constraint) return { field, constraint, text: text!, target: e.target, property: e.property };
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/** The values a decorator was given (`@Min(1)` → [1]), from class-validator's metadata. */
function constraintValues(p: Problem): unknown[] {
  if (!p.target) return [];
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(p.target.constructor, '', true, false)
    .find((m) => m.propertyName === p.property && (m.name === p.constraint || m.type === p.constraint));
  return meta?.constraints ?? [];
}

/**
 * class-validator's own messages are English and name the field by its code twice (`first: first
 * must not be less than 1`); each constraint maps to a catalogue message that names it in words.
 */
export function messageFor(p: Problem): Message {
  const field = p.field;
  // A decorator given `messageKey(...)`.
  if (isMessageKey(p.text)) return { key: p.text as MessageKey, params: { field } } as Message;
  const c = constraintValues(p) as [number & string[] & Record<string, string>, number];
  switch (p.constraint) {
    case 'isInt': return msg('input.int', { field });
    case 'isNumber': return msg('input.number', { field });
    case 'isString': return msg('input.string', { field });
    case 'isBoolean': return msg('input.boolean', { field });
    case 'isDate': case 'isDateString': case 'isISO8601': return msg('input.date', { field });
    case 'isArray': return msg('input.array', { field });
    case 'nestedValidation': return msg('input.nested', { field });
    case 'isNotEmpty': case 'isDefined': return msg('input.required', { field });
    case 'min': return msg('input.min', { field, min: Number(c[0]) });
    case 'max': return msg('input.max', { field, max: Number(c[0]) });
    case 'minLength': return msg('input.minLength', { field, min: Number(c[0]) });
    case 'maxLength': return msg('input.maxLength', { field, max: Number(c[0]) });
    case 'length': return msg('input.length', { field, min: Number(c[0]), max: Number(c[1]) });
    case 'arrayMinSize': return msg('input.arrayMin', { field, min: Number(c[0]) });
    case 'arrayMaxSize': return msg('input.arrayMax', { field, max: Number(c[0]) });
    case 'arrayUnique': return msg('input.arrayUnique', { field });
    case 'isIn': return msg('input.oneOf', { field, values: (c[0] as unknown as unknown[] ?? []).map(String) });
    case 'isEnum': return msg('input.oneOf', { field, values: Object.values((c[0] as unknown as Record<string, unknown>) ?? {}).map(String) });
    default: return msg('input.format', { field });
  }
}

/**
 * The one place input strings are trimmed: before class-validator, so every length rule
 * (and every service after it) sees trimmed text, and blank text counts as absent.
 */
class TrimmingValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    return super.transform(trimInputStrings(value, metadata.metatype), metadata);
  }
}

/** class-validator on every input type; the first problem becomes BAD_USER_INPUT naming the field. */
export const inputValidationPipe = new TrimmingValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  validateCustomDecorators: false,
  // The target (the input object) lets messageFor read a decorator's values; it never leaves the pipe.
  validationError: { target: true, value: false },
  exceptionFactory: (errors) => {
    const problem = firstProblem(errors);
    return problem ? new ValidationError(messageFor(problem), problem.field) : new ValidationError(msg('input.invalid'));
  },
});
