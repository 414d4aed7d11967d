using Microsoft.Extensions.Logging;

namespace Likeness.Cli.Hosting;

/// <summary>
/// Log lines for people on the command's stderr: one line each, <c>likeness: warning: ...</c> (or <c>note:</c>
/// below warning level), never a category or an event id.
/// </summary>
internal sealed class CliLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CliLogger(error);

    public void Dispose()
    {
    }

    private sealed class CliLogger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            error.WriteLine($"likeness: {(logLevel >= LogLevel.Warning ? "warning" : "note")}: {formatter(state, exception)}");
        }
    }
}
