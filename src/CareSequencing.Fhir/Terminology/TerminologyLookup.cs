namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// Asks the host's translators, in order, and remembers each answer for the rest of one mapping run, so a
/// code repeated across a bundle (Synthea repeats every prescription) is translated once.
/// </summary>
internal sealed class TerminologyLookup(IList<ICodeTranslator> translators, bool recordOnly = false)
{
    private readonly Dictionary<Key, Answer> _answers = [];
    private static readonly Answer Nothing = new([], null, []);

    /// <summary>In a recording run (<c>recordOnly</c>), the codings that were asked for, in order, without asking anyone.</summary>
    public List<(SourceCoding Coding, TerminologyTarget Target)> Recorded { get; } = [];

    public bool HasTranslators => translators.Count > 0;

    /// <summary>Translates every coding before the synchronous reading pass, so a terminology server is awaited, not blocked on.</summary>
    public async ValueTask PrefetchAsync(IEnumerable<(SourceCoding Coding, TerminologyTarget Target)> wanted, CancellationToken cancellationToken)
    {
        foreach (var (coding, target) in wanted)
        {
            var key = new Key(coding, target);
            if (_answers.ContainsKey(key)) continue;
            _answers[key] = await AskAsync(coding, target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The answer for a coding; translated now when it was not prefetched (blocks only on a translator that is not in memory).</summary>
    public Answer Get(SourceCoding coding, TerminologyTarget target)
    {
        var key = new Key(coding, target);
        if (_answers.TryGetValue(key, out var answer)) return answer;
        if (recordOnly)
        {
            Recorded.Add((coding, target));
            _answers[key] = Nothing;
            return Nothing;
        }
        var pending = AskAsync(coding, target, CancellationToken.None);
        answer = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        _answers[key] = answer;
        return answer;
    }

    private async ValueTask<Answer> AskAsync(SourceCoding coding, TerminologyTarget target, CancellationToken cancellationToken)
    {
        List<(string Translator, string Problem)>? problems = null;
        foreach (var translator in translators)
        {
            CodeTranslation result;
            try
            {
                result = await translator.TranslateAsync(coding, target, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A translator's failure is a warning on the result and the next translator is asked: never a silent miss.
                (problems ??= []).Add((translator.Name, e.GetType().Name));
                continue;
            }
            foreach (var problem in result.Problems) (problems ??= []).Add((translator.Name, problem));
            if (result.Codes.Count > 0) return new Answer(result.Codes, translator.Name, problems ?? []);
        }
        return new Answer([], null, problems ?? []);
    }

    /// <summary>What the translators answered: the first non-empty codes, who gave them, and every problem met on the way.</summary>
    internal sealed record Answer(IReadOnlyList<TranslatedCode> Codes, string? Translator, IReadOnlyList<(string Translator, string Problem)> Problems);

    private readonly record struct Key(string System, string Code, string? Display, string? Form, TerminologyTarget Target)
    {
        public Key(SourceCoding coding, TerminologyTarget target) : this(coding.System, coding.Code, coding.Display, coding.Form, target) { }
    }
}
