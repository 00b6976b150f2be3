#!/usr/bin/env python3
"""Where a thread-time profile's working time went, by component.

Reads a speedscope file converted from a `dotnet-trace` capture with the `dotnet-sampled-thread-time` profile. Each
sample ends in a pseudo frame: CPU_TIME (managed code running) or UNMANAGED_CODE_TIME (native code: a wait, or real
work such as SQLite's). Time whose leaf is a wait (thread pool idle, locks, sleeps, socket and watcher reads) is counted
as waiting; the rest is attributed to the innermost frame that names a component.

usage: summarize-thread-time.py FILE.speedscope.json [COMPONENT]   (COMPONENT: also list its top stacks)
"""
import collections
import json
import sys

WAITS = ('WaitForSignal', 'Monitor.Wait', 'ManualResetEventSlim.Wait', 'Thread.Sleep', 'WaitHandle', 'WaitOneNoCheck',
         'Sys.Read(', 'Interop+Sys.Poll', 'WaitForSocketEvents', 'LowLevelLifoSemaphore', 'Lock.TryEnterSlow',
         'Monitor.Enter_Slowpath', 'ProcessEvents', 'EventLoop', 'Heartbeat', 'Sys.Accept', 'Interop+Sys.Receive')
COMPONENTS = [('SQLite', 'Sqlite'), ('SQLite', 'SQLitePCL'), ('JSON', 'System.Text.Json'),
              ('JWT and crypto', 'IdentityModel'), ('JWT and crypto', 'Security.Cryptography'), ('YARP', 'Yarp'),
              ('gRPC and Durable Task', 'Grpc'), ('gRPC and Durable Task', 'DurableTask'),
              ('Kestrel', 'Server.Kestrel'), ('HTTP client', 'System.Net.Http'),
              ('Logging and telemetry', 'OpenTelemetry'), ('Logging and telemetry', 'Microsoft.Extensions.Logging'),
              ('Logging and telemetry', 'System.Diagnostics.DiagnosticSource'), ('Audit', 'BuildingBlocks.Audit'),
              ('Outbox and notifications', 'Outbox'), ('Outbox and notifications', 'Notifications'),
              ('Platform code', 'LoanPlatform'), ('ASP.NET Core pipeline', 'Microsoft.AspNetCore'),
              ('File system', 'Interop+Sys'), ('File system', 'System.IO')]
OTHER = 'runtime (GC, thread pool, async machinery)'


def samples(profile_file):
    data = json.load(open(profile_file))
    frames = [frame['name'] for frame in data['shared']['frames']]
    for profile in data['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                yield [frames[i] for i in stack], event['at'] - last
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            elif stack:
                stack.pop()


def component(names):
    leaf, parent = names[-1], names[-2] if len(names) > 1 else ''
    if leaf not in ('CPU_TIME', 'UNMANAGED_CODE_TIME') or (leaf == 'UNMANAGED_CODE_TIME' and any(w in parent for w in WAITS)):
        return None
    if parent.startswith('?') and any('SocketAsyncEngine.EventLoop' in n for n in names) or 'WaitOneNoCheck' in parent:
        return None  # the socket engine's thread in epoll (an unresolved native frame), the timer thread's wait
    for name in reversed(names[:-1]):
        if name.startswith(('Process', 'Thread (')):
            continue  # the capture's root frames name the process and thread, not code
        for label, pattern in COMPONENTS:
            if pattern in name:
                return label
    return OTHER


def main():
    path, wanted = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    working, waiting = collections.Counter(), 0.0
    stacks = collections.Counter()
    for names, duration in samples(path):
        label = component(names)
        if label is None:
            waiting += duration
            continue
        working[label] += duration
        if label == wanted:
            stacks[' > '.join(n.split('!')[-1][:60] for n in names[-5:-1])] += duration
    total = sum(working.values())
    print(f'waiting {waiting / (waiting + total):.1%} of thread time, working {total / (waiting + total):.1%}; of the working time:')
    for label, duration in working.most_common():
        print(f'  {duration / total:6.1%}  {label}')
    for stack, duration in stacks.most_common(10):
        print(f'  {duration / sum(stacks.values()):6.1%}  {stack}')


if __name__ == '__main__':
    main()
