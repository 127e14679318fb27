#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './cli.js';

// Exit once the command is done: a stopped cluster may leave process-wide watchers (metrics) behind.
process.exit(await runCli(process.argv, processIo()));
