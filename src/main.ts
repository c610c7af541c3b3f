import { mount } from 'svelte';
import App from './studio/App.svelte';
import { registerServiceWorker } from './pwa/register.ts';
import { installConsoleApi } from './studio/console-api.ts';
import './studio/theme.css';

installConsoleApi();
mount(App, { target: document.getElementById('app')! });
void registerServiceWorker();
