namespace CityBrain.Events;

/// <summary>What kind of report an observation is. The numeric values are persisted.</summary>
public enum ObservationKind
{
    /// <summary><c>city.camera.detection</c>: video analytics saw a category of thing.</summary>
    Detection = 0,

    /// <summary><c>city.sensor.reading</c>: a sensor measured a metric.</summary>
    Reading = 1,

    /// <summary><c>city.report</c>: a citizen or hotline report.</summary>
    Report = 2,

    /// <summary>
    /// <c>city.camera.recheck</c>: a point looked again at what it reported, whether it is still there. It never
    /// becomes evidence: it verifies (or fails) an incident in verification that holds evidence from the same point.
    /// </summary>
    Recheck = 3,

    /// <summary>
    /// A scenario fired: its triggering observation's place and time, made evidence of the incident the scenario
    /// opened or joined. Its key is derived from the trigger's, so a redelivered trigger fires nothing twice.
    /// </summary>
    Scenario = 4,
}
