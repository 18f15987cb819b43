import type { TestProject } from 'vitest/node';
import { startApp, type RunningApp } from './app-server';

let app: RunningApp | undefined;

export async function setup(project: TestProject) {
	app = await startApp();
	project.provide('baseURL', app.url);
	project.provide('dataDir', app.dataDir);
}

export async function teardown() {
	await app?.stop();
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		dataDir: string;
	}
}
