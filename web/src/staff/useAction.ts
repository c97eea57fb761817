import { reactive } from 'vue';
import { ApiError } from '../api/client';
import { errorField, errorMessage } from '../api/errors';

// One workbench action's state: busy, the error for the action and, for BAD_USER_INPUT, its field.
// CONFLICT is flagged so the page can offer "reload" next to the action.
export function useAction() {
  const state = reactive({ busy: false, error: '', field: '' as string | undefined, conflict: false, done: false });
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    Object.assign(state, { busy: true, error: '', field: undefined, conflict: false, done: false });
    try {
      await fn();
      state.done = true;
      return true;
    } catch (err) {
      state.conflict = err instanceof ApiError && err.code === 'CONFLICT';
      state.field = errorField(err);
      state.error = errorMessage(err);
      return false;
    } finally {
      state.busy = false;
    }
  }
  /** The message for one input: the api's field error, or a check made here before sending. */
  function fieldError(name: string): string {
    return state.field === name ? state.error : '';
  }
  return { state, run, fieldError };
}
