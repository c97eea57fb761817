import './prefetch'; // first: the first screen's requests start before Vue does
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { i18n, restoreLocale } from './i18n';
import './styles.css';

// A visitor who chose English waits for that catalogue (a separate chunk) before the first render.
void restoreLocale().catch(() => undefined).then(() => createApp(App).use(router).use(i18n).mount('#app'));
