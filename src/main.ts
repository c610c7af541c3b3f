import { mount } from 'svelte';
import App from './studio/App.svelte';
import { modelClient } from './studio/model-client.ts';
import './studio/theme.css';

// A console handle for power users and the browser tests: `await vivify.models.capabilities()`.
(globalThis as unknown as { vivify: object }).vivify = { models: modelClient };

mount(App, { target: document.getElementById('app')! });
