using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.DeadLetters;

/// <summary>
/// The embedded default: keeps the latest <see cref="IngestOptions.DeadLetterCapacity"/> dead letters in memory.
/// Past that the oldest go, and each one dropped is counted and logged with its reason, so nothing goes unnoticed.
/// </summary>
public sealed class InMemoryDeadLetterStore(IOptions<IngestOptions> options, ILogger<InMemoryDeadLetterStore> logger) : IDeadLetterStore
{
    private readonly LinkedList<DeadLetter> _letters = new();
    private readonly Lock _gate = new();
    private long _total;
    private long _discarded;

    public ValueTask AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        DeadLetter? dropped = null;
        lock (_gate)
        {
            _letters.AddFirst(deadLetter);
            _total++;
            if (_letters.Count > options.Value.DeadLetterCapacity)
            {
                dropped = _letters.Last!.Value;
                _letters.RemoveLast();
                _discarded++;
            }
        }

        logger.LogWarning("Dead letter {Id} from {Transport} {Origin}: {Field}: {Reason}", deadLetter.Id, deadLetter.Transport, deadLetter.Origin, deadLetter.Field, deadLetter.Reason);
        if (dropped is not null)
        {
            logger.LogError("Dead-letter store full ({Capacity}): dropped {Id} ({Field}: {Reason}); configure durable storage to keep them all", options.Value.DeadLetterCapacity, dropped.Id, dropped.Field, dropped.Reason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<DeadLetterPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var items = _letters.Skip((page - 1) * pageSize).Take(pageSize).ToArray();
            return ValueTask.FromResult(new DeadLetterPage(items, page, pageSize, _total - _discarded, _discarded));
        }
    }
}
