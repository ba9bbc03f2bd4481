namespace CityBrain.Incidents.Kpis;

/// <summary>How a KPI report is broken down besides its total.</summary>
public enum KpiGrouping
{
    /// <summary>Only the total.</summary>
    None = 0,


    /// <summary>By lead department.</summary>
    Department = 1,


    /// <summary>By category.</summary>
    Category = 2,


    /// <summary>By the region one level below <see cref="KpiQuery.RegionCode"/>.</summary>
    Region = 3,
}
