using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.DeadLetters;

/// <summary>
/// The embedded default: keeps the latest dead letters in memory, at most <see cref="IngestOptions.DeadLetterCapacity"/>
/// of them and <see cref="IngestOptions.DeadLetterStoreBytes"/> in all, each with at most
/// <see cref="IngestOptions.DeadLetterPayloadPrefixBytes"/> of its payload. Past either bound the oldest go, and
/// each one dropped is counted and logged with its reason, so nothing goes unnoticed.
/// </summary>
public sealed class InMemoryDeadLetterStore(IOptions<IngestOptions> options, ILogger<InMemoryDeadLetterStore> logger) : IDeadLetterStore
{
    private readonly LinkedList<DeadLetter> _letters = new();
    private readonly Dictionary<Guid, LinkedListNode<DeadLetter>> _byId = [];
    private readonly Lock _gate = new();
    private long _total;
    private long _discarded;
    private long _bytes;

    public ValueTask AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        deadLetter = deadLetter.WithPrefix(o.DeadLetterPayloadPrefixBytes);
        List<DeadLetter>? dropped = null;
        lock (_gate)
        {
            if (_byId.ContainsKey(deadLetter.Id)) return ValueTask.CompletedTask;
            _byId[deadLetter.Id] = _letters.AddFirst(deadLetter);
            _bytes += deadLetter.ApproximateBytes;
            _total++;
            // The newest letter always stays, even alone above the byte bound (its prefix is bounded too).
            while (_letters.Count > 1 && (_letters.Count > o.DeadLetterCapacity || _bytes > o.DeadLetterStoreBytes))
            {
                var oldest = _letters.Last!.Value;
                _letters.RemoveLast();
                _byId.Remove(oldest.Id);
                _bytes -= oldest.ApproximateBytes;
                _discarded++;
                (dropped ??= []).Add(oldest);
            }
        }

        logger.LogWarning("Dead letter {Id} from {Transport} {Origin}: {Field}: {Reason}", deadLetter.Id, deadLetter.Transport, deadLetter.Origin, deadLetter.Field, deadLetter.Reason);
        foreach (var d in dropped ?? [])
        {
            logger.LogError("Dead-letter store full ({Capacity} letters, {Bytes} bytes): dropped {Id} ({Field}: {Reason}); configure durable storage to keep them all",
                o.DeadLetterCapacity, o.DeadLetterStoreBytes, d.Id, d.Field, d.Reason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<DeadLetterPage> ListAsync(int page, int pageSize, bool withPayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var skip = ((long)page - 1) * pageSize;
            var items = skip >= _letters.Count
                ? []
                : _letters.Skip((int)skip).Take(pageSize).Select(d => withPayloads ? d : d with { Payload = [] }).ToArray();
            return ValueTask.FromResult(new DeadLetterPage(items, page, pageSize, _total - _discarded, _discarded));
        }
    }

    public ValueTask<DeadLetter?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate) return ValueTask.FromResult(_byId.TryGetValue(id, out var node) ? node.Value : null);
    }
}
