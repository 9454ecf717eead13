using Kairos.Server.Operations;
using Kairos.Server.Operations.Approvals;
using Kairos.Server.Operations.Calendars;
using Kairos.Server.Operations.Conditions;
using Kairos.Server.Operations.Flows;
using Kairos.Server.Operations.Jobs;
using Kairos.Server.Operations.Runs;
using Kairos.Server.Operations.Users;

namespace Kairos.Server.Hosting;

public static class OperationSetup
{
    /// <summary>Every operation, for the endpoints, the console and tests to call alike.</summary>
    public static IServiceCollection AddKairosOperations(this IServiceCollection services)
    {
        services.AddSingleton<OperationAudit>();
        services.AddSingleton<OwnerScope>();
        services.AddSingleton<FourEyes>();
        services.AddSingleton<GatedOperations>();
        services.AddGated<HoldJob>().AddGated<ReleaseJob>().AddGated<TriggerJob>().AddGated<SkipNextSlot>().AddGated<BackfillJob>();
        services.AddGated<KillRun>().AddGated<RerunRun>().AddGated<MarkRunSucceeded>();
        services.AddSingleton<CalendarChange>().AddSingleton<CalendarImpactPreview>();
        services.AddGated<AddCalendarOverride>().AddGated<RevertCalendarOverride>().AddGated<ImportBusinessDayTable>();
        services.AddSingleton<InstitutionCalendarChange>();
        services.AddGated<DefineInstitutionCalendar>().AddGated<DeleteInstitutionCalendar>();
        services.AddSingleton<ApprovalScope>();
        services.AddSingleton<DecideApproval>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ConditionChange>();
        services.AddSingleton<FlowRuns>();
        services.AddGated<RerunFlowFrom>();
        return services;
    }

    private static IServiceCollection AddGated<T>(this IServiceCollection services) where T : class, IGatedOperation
    {
        services.AddSingleton<T>();
        return services.AddSingleton<IGatedOperation>(sp => sp.GetRequiredService<T>());
    }
}
