import { mount } from 'svelte';
import App from './studio/App.svelte';
import { installConsoleApi } from './studio/console-api.ts';
import './studio/theme.css';

installConsoleApi();
mount(App, { target: document.getElementById('app')! });
