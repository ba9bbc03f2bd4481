using System.Text;
using CityBrain.Ingest;
using CityBrain.Ingest.Events;
using CityBrain.Packs;
using Microsoft.Extensions.Options;
using static CityBrain.UnitTests.NormalizerHarness;

namespace CityBrain.UnitTests;

/// <summary>The shared fuzz corpus (tests/Shared/MalformedPayloads.cs) through the normaliser: every payload refused, none thrown.</summary>
public sealed class MalformedPayloadCorpusTests
{
    private static readonly MalformedPayloads Corpus = new(10.01, 50.01);

    [Fact]
    public void The_templates_and_the_valid_event_are_taken()
    {
        var normalizer = Normalizer();
        foreach (var (kind, payload) in Corpus.Templates())
        {
            var result = normalizer.Normalize(payload);
            Assert.True(result.Observation is not null, $"{kind} template refused: {result.Error}");
        }

        Assert.Equal("fz-after-1", normalizer.Normalize(Corpus.ValidEvent("fz-after-1")).Observation!.Key.Id);
    }

    [Fact]
    public void Every_malformed_payload_is_refused_with_a_field_and_a_reason_and_none_throws() => AllRefused(Normalizer(), Corpus);

    [Fact]
    public void The_chengdu_corpus_the_end_to_end_hosts_get_is_refused_by_the_chengdu_pack_and_its_templates_taken()
    {
        var normalizer = new EventNormalizer(CityPackLoader.Load(RepoPaths.Pack("chengdu")), new StoppedClock(Now), Options.Create(new IngestOptions()));
        var corpus = MalformedPayloads.Chengdu();
        Assert.All(corpus.Templates(), t => Assert.NotNull(normalizer.Normalize(t.Payload).Observation));
        Assert.NotNull(normalizer.Normalize(corpus.ValidEvent("fz-after-2")).Observation);
        AllRefused(normalizer, corpus);
    }

    private static void AllRefused(EventNormalizer normalizer, MalformedPayloads corpus)
    {
        var all = corpus.All();
        Assert.True(all.Count >= 1000, $"only {all.Count} payloads");
        var taken = new List<string>();
        foreach (var (group, payload) in all)
        {
            var result = normalizer.Normalize(payload);
            if (result.Observation is not null)
            {
                taken.Add($"{group}: {Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 300)])}");
                continue;
            }

            Assert.False(string.IsNullOrWhiteSpace(result.Error!.Field), group);
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Reason), group);
            Assert.False(result.Error.Reason.Contains("CityBrain defect", StringComparison.Ordinal), $"{group}: {result.Error}");
            Assert.All(result.Error.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
            Assert.True(result.Error.Reason.Length <= 600, $"{group}: a {result.Error.Reason.Length}-character reason");
        }

        Assert.True(taken.Count == 0, $"{taken.Count} malformed payloads were taken:\n{string.Join('\n', taken.Take(10))}");
    }

    [Fact]
    public void The_corpus_covers_every_kind_of_damage_the_issue_names()
    {
        var groups = Corpus.All().Select(p => p.Group).ToHashSet();
        string[] expected =
        [
            "truncated", "bit-flip", "invalid-utf8-value", "invalid-utf8-key", "latin1-report", "wrong-type", "missing-field",
            "number-extreme", "nan-infinity", "deep-nesting", "empty", "whitespace", "binary", "wrong-root", "duplicate-key",
            "oversize", "long-string", "control-char", "time-out-of-range", "time-format", "unknown-type-or-version", "surrogate-escape",
        ];
        Assert.Empty(expected.Except(groups));
    }

    [Fact]
    public void The_corpus_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        var again = new MalformedPayloads(10.01, 50.01).All();
        Assert.True(Corpus.All().Zip(again).All(p => p.First.Group == p.Second.Group && p.First.Payload.AsSpan().SequenceEqual(p.Second.Payload)));
        var other = new MalformedPayloads(10.01, 50.01, seed: 15).All();
        Assert.False(Corpus.All().Zip(other).All(p => p.First.Payload.AsSpan().SequenceEqual(p.Second.Payload)));
    }

    [Fact]
    public void The_oversize_payload_has_the_size_asked_for_and_is_refused_for_its_description()
    {
        var payload = Corpus.Oversize();
        Assert.Equal(MalformedPayloads.DefaultOversizeBytes, payload.Length);
        Assert.Equal(100_000, Corpus.Oversize(100_000).Length);
        Assert.Equal("data.description", Refusal(payload).Field);
    }
}
