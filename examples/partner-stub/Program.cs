using Kairos.Examples.PartnerStub;

// A partner's FX-rate endpoint: POST /rates {"pair":"USDKRW","date":"2026-11-23"} answers a rate.
var builder = WebApplication.CreateSlimBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5090");
var app = builder.Build();
app.MapPartner(new PartnerStub());
app.Logger.LogInformation("Partner stub answering FX rates at POST /rates");
await app.RunAsync();
