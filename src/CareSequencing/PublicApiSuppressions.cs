using System.Diagnostics.CodeAnalysis;

// RS0026 guards against adding an overload with optional parameters beside an existing one, which
// breaks callers compiled against the old one. These two constructors were designed together, before
// any release, and differ in their first parameter's type, so no call can bind to both.
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "Designed together before 0.1.0; the first parameter's type tells them apart.",
    Scope = "member", Target = "~M:CareSequencing.CareEvaluator.#ctor(CareSequencing.CompiledRuleSet,System.TimeProvider,CareSequencing.EvaluationSettings,Microsoft.Extensions.Logging.ILogger{CareSequencing.CareEvaluator})")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "Designed together before 0.1.0; the first parameter's type tells them apart.",
    Scope = "member", Target = "~M:CareSequencing.CareEvaluator.#ctor(CareSequencing.IRuleSetSource,System.TimeProvider,CareSequencing.EvaluationSettings,Microsoft.Extensions.Logging.ILogger{CareSequencing.CareEvaluator})")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "Designed together before 0.1.0; the first parameter's type (paths or sources) tells them apart.",
    Scope = "member", Target = "~M:CareSequencing.WatchingRuleSetSource.#ctor(System.Collections.Generic.IEnumerable{System.String},System.TimeProvider,Microsoft.Extensions.Logging.ILogger{CareSequencing.WatchingRuleSetSource},System.Nullable{System.TimeSpan})")]
[assembly: SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "Designed together before 0.1.0; the first parameter's type (paths or sources) tells them apart.",
    Scope = "member", Target = "~M:CareSequencing.WatchingRuleSetSource.#ctor(System.Collections.Generic.IEnumerable{CareSequencing.RulePackSource},System.Collections.Generic.IReadOnlyDictionary{System.String,System.String},System.TimeProvider,Microsoft.Extensions.Logging.ILogger{CareSequencing.WatchingRuleSetSource},System.Nullable{System.TimeSpan},CareSequencing.PackLoadLimits)")]
