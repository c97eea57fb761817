// Element Plus for the staff chunks only: its stylesheet and locales are imported here, never from main.ts.
import 'element-plus/dist/index.css';
import './theme.css';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import en from 'element-plus/es/locale/lang/en.mjs';
import './messages';

export const elementLocales = { 'zh-CN': zhCn, en } as const;
