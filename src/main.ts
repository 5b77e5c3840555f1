// Entry point of the main thread: mounts the app. No parsing or training happens on this thread.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html must contain <div id="app">.');

export default mount(App, { target });
