// Loaded with `node --require` before a tool (tsc): prints the process's CPU time, user + system, on exit.
// CPU time, unlike wall time, barely moves when other work shares the machine.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeSync(2, `\ncrosswire-consumer-cpu-ms ${Math.round((user + system) / 1000)}\n`);
});
