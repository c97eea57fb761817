import { onBeforeUnmount, onMounted } from 'vue';

// An Element Plus table narrower than its columns scrolls sideways inside its own box (at phone
// width, most do). When no cell holds a link or button, the keyboard could not reach that scroll:
// the scrolling box itself joins the Tab order while, and only while, it overflows (axe
// scrollable-region-focusable), so desktop tables that fit add no Tab stop.
export function useFocusableScrollingTables(rootOf: () => HTMLElement | null): void {
  let root: HTMLElement | null = null;
  let frame = 0;
  const mark = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      for (const wrap of root?.querySelectorAll<HTMLElement>('.el-table__body-wrapper .el-scrollbar__wrap') ?? []) {
        if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute('tabindex', '0');
        else wrap.removeAttribute('tabindex');
      }
    });
  };
  const mutations = new MutationObserver(mark);
  const sizes = new ResizeObserver(mark);
  onMounted(() => {
    root = rootOf();
    if (!root) return;
    mutations.observe(root, { childList: true, subtree: true });
    sizes.observe(root);
    mark();
  });
  onBeforeUnmount(() => {
    mutations.disconnect();
    sizes.disconnect();
    cancelAnimationFrame(frame);
  });
}
